package io.github.gigachat.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fixed list of models the emulator serves, with the dimensions of the embedders. */
final class ModelCatalog {
    private static final Map<String, Model> MODELS = build(
            new Model("GigaChat", Model.CHAT, 0),
            new Model("GigaChat-Pro", Model.CHAT, 0),
            new Model("GigaChat-Max", Model.CHAT, 0),
            new Model("GigaChat-2", Model.CHAT, 0),
            new Model("GigaChat-2-Pro", Model.CHAT, 0),
            new Model("GigaChat-2-Max", Model.CHAT, 0),
            new Model("Embeddings", Model.EMBEDDER, 1024),
            new Model("Embeddings-2", Model.EMBEDDER, 1024),
            new Model("EmbeddingsGigaR", Model.EMBEDDER, 2560),
            new Model("GigaEmbeddings-3B-2025-09", Model.EMBEDDER, 2048));

    private ModelCatalog() {}

    private static Map<String, Model> build(Model... models) {
        Map<String, Model> map = new LinkedHashMap<>();
        for (Model m : models) {
            map.put(m.id(), m);
        }
        return map;
    }

    static List<String> ids() {
        return List.copyOf(MODELS.keySet());
    }

    static Optional<Model> find(String id) {
        return Optional.ofNullable(id == null ? null : MODELS.get(id));
    }
}
