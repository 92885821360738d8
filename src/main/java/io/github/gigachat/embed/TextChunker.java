package io.github.gigachat.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a text file into chunks of at most {@link ChunkerSettings#maxChunkTokens()} estimated tokens, along the
 * structure of the text: sections first, then paragraphs, lines and sentences, words, and as a last resort characters.
 *
 * <p>The file is first cut into blocks by its markup, chosen by its name: {@link MarkdownBlocks} ({@code .md},
 * {@code .markdown}: {@code #} headings, fenced code), {@link AsciiDocBlocks} ({@code .adoc}: {@code =} section
 * titles, delimited blocks) or {@link PlainTextBlocks} (anything else: paragraphs only, no headings). The blocks are
 * cut into <em>atoms</em> ({@link Atoms}): heading lines, paragraphs and verbatim blocks. An atom that is too
 * large on its own is cut further, and only then: a paragraph at its sentence ends and line breaks, a code block at its
 * line breaks, then either at spaces, and a single over-long word into pieces of characters. Every boundary between two
 * atoms has a strength, from a top-level heading down to a cut inside a word.
 *
 * <p>Atoms are then packed greedily ({@link ChunkPacker}). From its first atom a chunk extends as far as the limit allows; it ends at the
 * strongest boundary within that reach (the furthest one among equals), with conditions against small chunks: a
 * section boundary counts once the chunk holds a quarter of the limit, a paragraph, list item or sentence end once it
 * holds a third, a line break or a space once it holds half; and a cut inside a section should leave at least a quarter
 * of the limit of that section for the next chunk. So a section that fits stays whole, small neighbouring sections
 * share a chunk, and a large section is cut between paragraphs. A chunk does not end right after a heading if anything else will do: when
 * the paragraph after a heading is too large to join it whole, the heading takes the paragraph's first sentences.
 *
 * <p>With overlap, a chunk first repeats the last whole words of the previous chunk, up to {@code overlapTokens}
 * estimated tokens (less if the next atom would not fit otherwise), and packs fewer atoms to make room for them. Atoms
 * are then kept to {@code maxChunkTokens - overlapTokens} so that there is room.
 *
 * <p>A chunk's heading path is the one its own content shares (the repeated overlap does not count); a chunk that
 * spans sections sits under their common parent. Chunks start and end with a non-whitespace character;
 * {@code file.text().substring(start, end)} is a chunk's text.
 * The work is linear in the size of the file. Instances are immutable and may be shared between threads.
 */
public final class TextChunker {
    /** The smallest limit a re-split works to: one code point never costs more (an emoji is 4 estimated tokens). */
    static final int SMALLEST_RESPLIT = 4;

    private final ChunkerSettings settings;

    public TextChunker(ChunkerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The chunks of {@code file}, indexed from 0 in file order; none for a file of only whitespace. */
    public List<Chunk> split(TextFile file) {
        return split(file.text(), file.relativePath(), settings.maxChunkTokens(), settings.overlapTokens());
    }

    /**
     * Splits one chunk again, into pieces of at most {@code maxTokens} estimated tokens (at least
     * {@value #SMALLEST_RESPLIT}) and no overlap, by the same rules and the markup of its file. Each piece keeps the
     * chunk's heading path, and its offsets are in the file, like the chunk's; pieces are indexed from 0.
     *
     * @return the pieces, or an empty list if the chunk cannot be cut into two or more
     */
    public List<Chunk> resplit(Chunk chunk, int maxTokens) {
        List<Chunk> pieces;
        try {
            pieces = split(chunk.text(), chunk.source(), Math.max(SMALLEST_RESPLIT, maxTokens), 0);
        } catch (IllegalStateException e) {
            return List.of(); // a code point over the limit: nothing smaller to cut
        }
        if (pieces.size() < 2) {
            return List.of();
        }
        List<Chunk> placed = new ArrayList<>(pieces.size());
        for (Chunk piece : pieces) {
            placed.add(new Chunk(
                    chunk.source(),
                    piece.index(),
                    chunk.start() + piece.start(),
                    chunk.start() + piece.end(),
                    piece.sha256(),
                    piece.text(),
                    chunk.headings()));
        }
        return placed;
    }

    private static List<Chunk> split(String text, String source, int max, int overlap) {
        Atoms atoms = new Atoms(text, source, max, overlap);
        atoms.cutIntoAtoms(TextBlocks.forFile(source).parse(text));
        return new ChunkPacker(atoms).pack();
    }
}
