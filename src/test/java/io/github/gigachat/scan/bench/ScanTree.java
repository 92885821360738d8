package io.github.gigachat.scan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a working tree of realistic repository text (see {@link RepositoryText}) with every {@link Plant} in a file
 * of its own, spread evenly through the tree. The same arguments always write the same bytes.
 */
final class ScanTree {
    /** What was written. */
    record Summary(int files, long bytes, List<PlantedKey> planted) {}

    private ScanTree() {}

    /**
     * Writes {@code files} files of {@code bytes} bytes in total under {@code dir}, which must be empty or absent.
     *
     * @throws IllegalArgumentException when the files cannot hold the plants or the total
     */
    static Summary write(Path dir, int files, long bytes, long seed) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty");
                }
            }
        }
        List<Plant> plants = Plant.all();
        if (files < 2 * plants.size()) {
            throw new IllegalArgumentException("at least " + 2 * plants.size() + " files are needed for the plants");
        }
        Random random = new Random(seed);
        RepositoryText text = new RepositoryText(random);
        List<TreeLayout.FileSpec> specs = new ArrayList<>(TreeLayout.plan(files, bytes, random));
        Plant[] plantAt = new Plant[files];
        int next = 0;
        for (int p = 0; p < plants.size(); p++) {
            Plant plant = plants.get(p);
            int index = Math.max(next, (int) ((p + 1L) * files / (plants.size() + 1)));
            // the file must hold the plant and some ordinary text: sizes vary, a large enough one comes soon
            while (index < files && specs.get(index).bytes() < plant.bytes() + TreeLayout.MIN_FILE_BYTES) {
                index++;
            }
            if (index == files) {
                throw new IllegalArgumentException("the files are too small for the plants: give more bytes");
            }
            plantAt[index] = plant;
            specs.set(
                    index,
                    new TreeLayout.FileSpec(
                            TreeLayout.path(index, files, plant.type(), random),
                            plant.type(),
                            specs.get(index).bytes()));
            next = index + 1;
        }
        List<PlantedKey> planted = new ArrayList<>();
        long written = 0;
        for (int i = 0; i < files; i++) {
            TreeLayout.FileSpec spec = specs.get(i);
            Plant plant = plantAt[i];
            int plantBytes = plant == null ? 0 : plant.bytes();
            List<String> lines = text.file(spec.type(), TreeLayout.nameOf(spec.path()), spec.bytes() - plantBytes);
            if (plant != null) {
                int at = insertionPoint(spec.type(), lines);
                lines.addAll(at, plant.lines());
                planted.add(plant.at(spec.path(), at + 1, 0));
            }
            byte[] content = join(lines);
            Path file = dir.resolve(spec.path());
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            written += content.length;
        }
        return new Summary(files, written, List.copyOf(planted));
    }

    /** After the header and a few body lines, before the footer. */
    static int insertionPoint(FileType type, List<String> lines) {
        int header = RepositoryText.headerLines(type);
        int footer = RepositoryText.footer(type).size();
        return Math.min(header + 3, lines.size() - footer);
    }

    static byte[] join(List<String> lines) {
        StringBuilder content = new StringBuilder();
        for (String line : lines) {
            content.append(line).append('\n');
        }
        return content.toString().getBytes(StandardCharsets.UTF_8);
    }
}
