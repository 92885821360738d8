package io.github.gigachat.scan.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes a {@code git fast-import} stream of a synthetic history on branch {@code main}: a first commit of a tree of
 * realistic text, then commits that each change a few lines of a few files (now and then adding or deleting a file),
 * with fixed dates one hour apart. A few {@link Plant}s are added by one commit and removed by a later one, so they
 * are in the history but not in the last tree; the last of them comes in a file of its own that is later deleted. The
 * same arguments always write the same bytes.
 */
final class ScanHistory {
    static final String BRANCH = "refs/heads/main";
    private static final long FIRST_DATE = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final int PLANTS = 5;
    private static final int OWN_FILE_BYTES = 400;

    /**
     * What was written.
     *
     * @param blobs file contents written (added or modified files)
     * @param blobBytes their total size
     * @param filesAtHead files in the last commit's tree
     * @param planted where each plant was added: its commit, path and line
     */
    record Summary(int commits, int blobs, long blobBytes, int filesAtHead, List<PlantedKey> planted) {}

    private record FileState(FileType type, List<String> lines) {}

    private final Random random;
    private final RepositoryText text;
    private final OutputStream out;
    private final Map<String, FileState> tree = new LinkedHashMap<>();
    private final Set<String> pinned = new HashSet<>();
    private final List<PlantedKey> planted = new ArrayList<>();
    private int nextIndex;
    private int blobs;
    private long blobBytes;

    private ScanHistory(long seed, OutputStream out) {
        this.random = new Random(seed);
        this.text = new RepositoryText(random);
        this.out = out;
    }

    /** Writes {@code commits} commits, the first one adding {@code files} files of {@code bytes} bytes in total. */
    static Summary write(OutputStream out, int commits, int files, long bytes, long seed) throws IOException {
        if (commits < 4 * (PLANTS + 1)) {
            throw new IllegalArgumentException("at least " + 4 * (PLANTS + 1) + " commits are needed");
        }
        return new ScanHistory(seed, out).history(commits, files, bytes);
    }

    /** The plants of a history: the first few encodings, and a pair in YAML that comes in a file of its own. */
    static List<Plant> plants() {
        List<Plant> all = Plant.all();
        List<Plant> chosen = new ArrayList<>(all.subList(0, PLANTS - 1));
        chosen.add(all.stream()
                .filter(p ->
                        p.type() == FileType.YAML && p.kind() == io.github.gigachat.scan.KeyKind.CLIENT_CREDENTIALS)
                .findFirst()
                .orElseThrow());
        return List.copyOf(chosen);
    }

    private Summary history(int commits, int files, long bytes) throws IOException {
        List<Plant> plants = plants();
        Map<Integer, Plant> addAt = new HashMap<>();
        Map<Integer, Plant> removeAt = new HashMap<>();
        int spacing = commits / (plants.size() + 1);
        for (int p = 0; p < plants.size(); p++) {
            addAt.put((p + 1) * spacing, plants.get(p));
            removeAt.put((p + 1) * spacing + spacing / 2, plants.get(p));
        }
        Map<Plant, String> plantedIn = new HashMap<>();

        for (TreeLayout.FileSpec spec : TreeLayout.plan(files, bytes, random)) {
            tree.put(spec.path(), new FileState(spec.type(), lines(spec.type(), spec.path(), spec.bytes())));
        }
        nextIndex = files;
        commit(1, "Import the project", new ArrayList<>(tree.keySet()), List.of());
        for (int c = 2; c <= commits; c++) {
            List<String> changed = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            String message;
            if (addAt.containsKey(c)) {
                Plant plant = addAt.get(c);
                boolean ownFile = plant.equals(plants.get(plants.size() - 1));
                String path = ownFile ? newFile(FileType.YAML, OWN_FILE_BYTES) : randomFile(plant.type());
                plantedIn.put(plant, path);
                pinned.add(path);
                List<String> lines = tree.get(path).lines();
                int at = ScanTree.insertionPoint(plant.type(), lines);
                lines.addAll(at, plant.lines());
                planted.add(plant.at(path, at + 1, c));
                changed.add(path);
                message = "Configure the GigaChat client";
            } else if (removeAt.containsKey(c)) {
                Plant plant = removeAt.get(c);
                String path = plantedIn.get(plant);
                pinned.remove(path);
                if (plant.equals(plants.get(plants.size() - 1))) {
                    tree.remove(path);
                    deleted.add(path);
                } else {
                    List<String> lines = tree.get(path).lines();
                    int at = lines.indexOf(plant.lines().get(0));
                    lines.subList(at, at + plant.lines().size()).clear();
                    changed.add(path);
                }
                message = "Remove a committed GigaChat key";
            } else {
                message = ordinaryChange(changed, deleted);
            }
            commit(c, message, changed, deleted);
        }
        return new Summary(commits, blobs, blobBytes, tree.size(), List.copyOf(planted));
    }

    private List<String> lines(FileType type, String path, int bytes) {
        return new ArrayList<>(text.file(type, TreeLayout.nameOf(path), bytes));
    }

    /** Changes a few lines of one to four files; now and then adds or deletes a file instead. */
    private String ordinaryChange(List<String> changed, List<String> deleted) {
        int roll = random.nextInt(100);
        if (roll < 2) {
            FileType type = FileType.forRoll(random.nextInt(FileType.totalWeight()));
            String path = newFile(type, TreeLayout.MIN_FILE_BYTES + random.nextInt(8192));
            changed.add(path);
            return "Add " + TreeLayout.nameOf(path);
        }
        if (roll < 3) {
            String path = randomFile(null);
            tree.remove(path);
            deleted.add(path);
            return "Delete " + TreeLayout.nameOf(path);
        }
        int count = 1 + random.nextInt(4);
        for (int f = 0; f < count; f++) {
            String path = randomFile(null);
            if (!changed.contains(path)) {
                editLines(tree.get(path));
                changed.add(path);
            }
        }
        return RepositoryText.capitalized(text.noun()) + ": update " + changed.size() + " file(s)";
    }

    /** Replaces up to two body lines at one place by up to three new ones. */
    private void editLines(FileState file) {
        int first = RepositoryText.headerLines(file.type());
        int end = file.lines().size() - RepositoryText.footer(file.type()).size();
        int at = end > first ? first + random.nextInt(end - first) : first;
        int removed = Math.min(random.nextInt(3), end - at);
        file.lines().subList(at, at + removed).clear();
        int added = random.nextInt(4);
        for (int k = 0; k < added; k++) {
            file.lines().add(at, text.line(file.type()));
        }
    }

    private String newFile(FileType type, int bytes) {
        String path = TreeLayout.path(nextIndex++, tree.size(), type, random);
        tree.put(path, new FileState(type, lines(type, path, bytes)));
        return path;
    }

    /** A file not pinned by a plant, of the given type (any type when null); a new one if the tree has none. */
    private String randomFile(FileType type) {
        List<String> candidates = new ArrayList<>();
        tree.forEach((path, file) -> {
            if (!pinned.contains(path) && (type == null || file.type() == type)) {
                candidates.add(path);
            }
        });
        if (candidates.isEmpty()) {
            return newFile(type == null ? FileType.MARKDOWN : type, TreeLayout.MIN_FILE_BYTES * 4);
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    private void commit(int number, String message, List<String> changed, List<String> deleted) throws IOException {
        long date = FIRST_DATE + 3600L * number;
        write("commit " + BRANCH + "\nmark :" + number + "\n");
        write("author Bench <bench@example.invalid> " + date + " +0000\n");
        write("committer Bench <bench@example.invalid> " + date + " +0000\n");
        data(message.getBytes(StandardCharsets.UTF_8));
        for (String path : deleted) {
            write("D " + path + "\n");
        }
        for (String path : changed) {
            byte[] content = ScanTree.join(tree.get(path).lines());
            write("M 100644 inline " + path + "\n");
            data(content);
            blobs++;
            blobBytes += content.length;
        }
        write("\n");
    }

    private void data(byte[] bytes) throws IOException {
        write("data " + bytes.length + "\n");
        out.write(bytes);
        write("\n");
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
