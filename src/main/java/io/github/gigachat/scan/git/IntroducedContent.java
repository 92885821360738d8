package io.github.gigachat.scan.git;

import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Keeps the entries of a commit's tree (tree 0 of the walk) that differ from the same path in every parent (trees 1 to
 * n): what the commit introduced. A merge that takes one side's content introduces nothing; a conflict resolution or an
 * evil merge does. Subtrees equal to one parent's are pruned, so a walk costs what the commit changed.
 */
final class IntroducedContent extends TreeFilter {
    static final IntroducedContent INSTANCE = new IntroducedContent();

    private IntroducedContent() {}

    @Override
    public boolean include(TreeWalk walk) {
        if (walk.getRawMode(0) == 0) {
            return false; // only in a parent: deleted by this commit
        }
        for (int parent = 1; parent < walk.getTreeCount(); parent++) {
            if (walk.idEqual(0, parent)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean shouldBeRecursive() {
        return false;
    }

    @Override
    public TreeFilter clone() {
        return this;
    }

    @Override
    public String toString() {
        return "INTRODUCED_CONTENT";
    }
}
