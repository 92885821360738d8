package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobPatternTest {
    private static GlobPattern glob(String pattern) {
        return GlobPattern.compile(pattern, "include", "docs");
    }

    private static String[] path(String path) {
        return path.isEmpty() ? new String[0] : path.split("/");
    }

    @Test
    void doubleStarMatchesAnyNumberOfDirectories() {
        GlobPattern pattern = glob("**/*.md");
        assertThat(pattern.matches(path("a.md"))).isTrue();
        assertThat(pattern.matches(path("x/y/z/a.md"))).isTrue();
        assertThat(pattern.matches(path("x/a.mdx"))).isFalse();

        GlobPattern middle = glob("a/**/b/*.txt");
        assertThat(middle.matches(path("a/b/1.txt"))).isTrue();
        assertThat(middle.matches(path("a/x/y/b/1.txt"))).isTrue();
        assertThat(middle.matches(path("a/x/y/c/1.txt"))).isFalse();
    }

    @Test
    void starAndQuestionMarkStayWithinOneName() {
        assertThat(glob("*.md").matches(path("a.md"))).isTrue();
        assertThat(glob("*.md").matches(path("sub/a.md"))).isFalse();
        assertThat(glob("a*b*c").matches(path("aXXbYYbc"))).isTrue();
        assertThat(glob("a*b*c").matches(path("aXXbYYbd"))).isFalse();
        assertThat(glob("?.md").matches(path("ab.md"))).isFalse();
        assertThat(glob("??.md").matches(path("ab.md"))).isTrue();
    }

    @Test
    void separatorsAndTrailingSlashesAreNormalised() {
        assertThat(glob("sub\\*.md").matches(path("sub/a.md"))).isTrue();
        assertThat(glob("sub/").matches(path("sub/x/y.md"))).isTrue();
        assertThat(glob("./sub//a.md").matches(path("sub/a.md"))).isTrue();
    }

    @Test
    void directoriesThatCannotHoldAMatchAreSkipped() {
        GlobPattern docs = glob("guide/**/*.md");
        assertThat(docs.couldMatchBelow(path(""))).isTrue();
        assertThat(docs.couldMatchBelow(path("guide/a/b"))).isTrue();
        assertThat(docs.couldMatchBelow(path("other"))).isFalse();
        assertThat(glob("*.md").couldMatchBelow(path("sub"))).isFalse();

        GlobPattern drafts = glob("**/drafts/**");
        assertThat(drafts.matchesEverythingBelow(path("a/drafts"))).isTrue();
        assertThat(drafts.matchesEverythingBelow(path("a/final"))).isFalse();
        assertThat(glob("drafts/*.md").matchesEverythingBelow(path("drafts"))).isFalse();
    }

    @Test
    void patternsLeavingTheDirectoryAreRefused() {
        for (String pattern : new String[] {"../a.md", "a/../../b", "/abs/**", "\\abs", "D:/x", "..\\x"}) {
            assertThatThrownBy(() -> glob(pattern))
                    .as(pattern)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + pattern + "'")
                    .hasMessageContaining("must stay inside docs");
        }
        assertThat(glob("...md").matches(path("...md"))).isTrue();
        assertThat(glob("..foo/*.md").matches(path("..foo/a.md"))).isTrue();
    }
}
