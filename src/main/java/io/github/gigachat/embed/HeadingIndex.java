package io.github.gigachat.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The heading path at every place of a file, by its blocks: what a piece of a chunk that was split again sits under.
 * The rule is the chunker's: the path its content shares (the common prefix of the paths of the paragraphs and code
 * blocks it overlaps), and for a piece of headings only, the path its last heading opens.
 */
final class HeadingIndex {
    private final int[] starts;
    private final int[] ends;
    private final boolean[] headings;
    /** For a heading, the path it opens; for other blocks, the path in effect. */
    private final List<List<String>> paths;

    private HeadingIndex(int[] starts, int[] ends, boolean[] headings, List<List<String>> paths) {
        this.starts = starts;
        this.ends = ends;
        this.headings = headings;
        this.paths = paths;
    }

    static HeadingIndex of(TextFile file) {
        List<TextBlocks.Block> blocks = TextBlocks.forFile(file.relativePath()).parse(file.text());
        int n = blocks.size();
        int[] starts = new int[n];
        int[] ends = new int[n];
        boolean[] headings = new boolean[n];
        List<List<String>> paths = new ArrayList<>(n);
        int[] levels = new int[7];
        String[] titles = new String[7];
        int depth = 0;
        List<String> current = List.of();
        for (int i = 0; i < n; i++) {
            TextBlocks.Block block = blocks.get(i);
            starts[i] = block.start();
            ends[i] = block.end();
            if (block.kind() == TextBlocks.Kind.HEADING) {
                while (depth > 0 && levels[depth - 1] >= block.level()) {
                    depth--;
                }
                levels[depth] = block.level();
                titles[depth] = block.title();
                depth++;
                current = List.of(Arrays.copyOf(titles, depth));
                headings[i] = true;
            }
            paths.add(current);
        }
        return new HeadingIndex(starts, ends, headings, paths);
    }

    /** The heading path of the text {@code [start, end)}. */
    List<String> at(int start, int end) {
        int first = firstEndingAfter(start);
        List<String> common = null;
        List<String> lastHeading = null;
        for (int i = first; i < starts.length && starts[i] < end; i++) {
            if (headings[i]) {
                lastHeading = paths.get(i);
            } else {
                common = common == null ? paths.get(i) : commonPrefix(common, paths.get(i));
            }
        }
        if (common != null) {
            return common;
        }
        if (lastHeading != null) {
            return lastHeading;
        }
        return first > 0 ? paths.get(first - 1) : List.of();
    }

    /** The first block that ends after {@code offset}. */
    private int firstEndingAfter(int offset) {
        int low = 0;
        int high = ends.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ends[middle] <= offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static List<String> commonPrefix(List<String> a, List<String> b) {
        int k = 0;
        while (k < a.size() && k < b.size() && a.get(k).equals(b.get(k))) {
            k++;
        }
        return k == a.size() ? a : a.subList(0, k);
    }
}
