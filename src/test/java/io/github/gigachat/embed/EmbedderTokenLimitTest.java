package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.GigaChatSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedder against a WireMock API that refuses texts over 30 tokens with {@code 413 Tokens limit exceeded for index
 * I: N (max M)}: the refused text is handed to the inputs to split, the rest of its batch is sent again.
 */
class EmbedderTokenLimitTest {
    private static final int MAX = 30;

    private TokenLimitServer server;
    private GigaChatClient client;
    private GigaChatSession session;

    @BeforeEach
    void start() {
        server = new TokenLimitServer(MAX);
        client = server.client();
        session = TokenLimitServer.session(client);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** Texts by id; splits a refused text at its middle space into two new inputs, or refuses when asked to. */
    private static final class SplittingInputs implements Embedder.Inputs {
        final Map<Integer, String> texts = new TreeMap<>();
        final List<TokenLimitRefusal> refusals = new ArrayList<>();
        final List<Integer> order = new ArrayList<>();
        boolean canSplit = true;
        int next;

        SplittingInputs(List<String> initial) {
            initial.forEach(text -> texts.put(texts.size(), text));
            order.addAll(texts.keySet());
        }

        @Override
        public Embedder.Input next() {
            return next < order.size() ? new Embedder.Input(order.get(next), texts.get(order.get(next++))) : null;
        }

        @Override
        public List<Embedder.Input> split(Embedder.Input input, TokenLimitRefusal refusal) {
            refusals.add(refusal);
            if (!canSplit) {
                return null;
            }
            String text = input.text();
            int cut = text.lastIndexOf(' ', text.length() / 2);
            List<Embedder.Input> pieces = new ArrayList<>();
            for (String piece : List.of(text.substring(0, cut), text.substring(cut + 1))) {
                int id = 1000 + texts.size();
                texts.put(id, piece);
                pieces.add(new Embedder.Input(id, piece));
            }
            return pieces;
        }
    }

    private static String words(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append("word").append(i);
        }
        return text.toString();
    }

    @Test
    void aTextOverTheLimitIsReplacedByItsPiecesAndTheRestOfItsBatchIsSentAgain() throws Exception {
        String longText = words(20); // about 130 characters: 43 tokens to the server
        SplittingInputs inputs = new SplittingInputs(List.of("short one", longText, "short two", "short three"));
        Map<Integer, float[]> vectors = new TreeMap<>();

        Embedder.Stats stats = new Embedder(session, "Embeddings", 4, 1, null)
                .pacedBy(new ManualPaceClock(), max -> 0)
                .embed(inputs, 4, (id, vector, billed) -> vectors.put(id, vector));

        assertThat(inputs.refusals)
                .singleElement()
                .satisfies(r -> assertThat(r.index()).isEqualTo(1))
                .satisfies(r -> assertThat(r.max()).isEqualTo(MAX))
                .satisfies(r -> assertThat(r.tokens()).isEqualTo(TokenLimitServer.tokens(longText)));
        assertThat(vectors).containsOnlyKeys(0, 2, 3, 1004, 1005);
        vectors.forEach(
                (id, vector) -> assertThat(vector).containsExactly(TokenLimitServer.vector(inputs.texts.get(id))));
        assertThat(stats.splitTexts()).isEqualTo(1);
        assertThat(stats.texts()).isEqualTo(5);
        // the refused batch, the rest of it again, the two pieces
        assertThat(stats.requests()).isEqualTo(3).isEqualTo(server.embeddingRequests());
        assertThat(stats.retries()).isEqualTo(1);
        assertThat(server.embeddedTexts()).isEqualTo(5);
    }

    @Test
    void piecesStillTooLongAreSplitAgain() throws Exception {
        SplittingInputs inputs = new SplittingInputs(List.of(words(45))); // about 100 tokens: two rounds of halving

        Embedder.Stats stats = new Embedder(session, "Embeddings", 8, 2, null)
                .pacedBy(new ManualPaceClock(), max -> 0)
                .embed(inputs, 1, (id, vector, billed) -> {});

        assertThat(inputs.refusals).hasSizeGreaterThanOrEqualTo(3);
        assertThat(stats.splitTexts()).isEqualTo(inputs.refusals.size());
        assertThat(stats.texts()).isEqualTo(inputs.refusals.size() + 1);
        assertThat(server.embeddedTexts()).isEqualTo(stats.texts());
    }

    @Test
    void aTextThatCannotBeSplitStopsTheRunWithTheLimit() {
        SplittingInputs inputs = new SplittingInputs(List.of("short one", words(20)));
        inputs.canSplit = false;
        List<Integer> delivered = new ArrayList<>();

        InputTooLargeException e = catchThrowableOfType(
                () -> new Embedder(session, "Embeddings", 1, 1, null)
                        .pacedBy(new ManualPaceClock(), max -> 0)
                        .embed(inputs, 2, (id, vector, billed) -> delivered.add(id)),
                InputTooLargeException.class);

        assertThat(e.inputId()).isEqualTo(1);
        assertThat(e.maxTokens()).isEqualTo(MAX);
        assertThat(e.tokens()).isEqualTo(TokenLimitServer.tokens(words(20)));
        assertThat(e.getMessage())
                .contains("Input #1")
                .contains("cannot be split further")
                .contains("1 of 2");
        assertThat(delivered).containsExactly(0);
    }

    @Test
    void piecesThatNeedNoEmbeddingEndTheTextsTurn() throws Exception {
        Embedder.Inputs inputs = new Embedder.Inputs() {
            private boolean done;

            @Override
            public Embedder.Input next() {
                if (done) {
                    return null;
                }
                done = true;
                return new Embedder.Input(7, words(20));
            }

            @Override
            public List<Embedder.Input> split(Embedder.Input input, TokenLimitRefusal refusal) throws IOException {
                return List.of(); // every piece already cached
            }
        };

        Embedder.Stats stats = new Embedder(session, "Embeddings", 4, 1, null)
                .pacedBy(new ManualPaceClock(), max -> 0)
                .embed(inputs, 1, (id, vector, billed) -> {});

        assertThat(stats.texts()).isZero();
        assertThat(stats.splitTexts()).isEqualTo(1);
        assertThat(server.embeddingRequests()).isEqualTo(1);
    }
}
