package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySetTest {
    private static String key(int i) {
        return VectorCache.key("Embeddings", new ChunkerSettings(512, 0), "text " + i);
    }

    @Test
    void behavesAsASetOfKeysThroughManyGrowths() {
        KeySet keys = new KeySet();
        Set<String> reference = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String key = key(i % 15_000);
            assertThat(keys.add(key)).isEqualTo(reference.add(key));
        }
        assertThat(keys.size()).isEqualTo(reference.size()).isEqualTo(15_000);
        for (int i = 0; i < 16_000; i++) {
            assertThat(keys.contains(key(i))).isEqualTo(i < 15_000);
        }
    }

    @Test
    void theAllZeroKeyIsAKeyLikeAnyOther() {
        KeySet keys = new KeySet();
        String zero = "0".repeat(64);
        assertThat(keys.contains(zero)).isFalse();
        assertThat(keys.add(zero)).isTrue();
        assertThat(keys.add(zero)).isFalse();
        assertThat(keys.contains(zero)).isTrue();
        assertThat(keys.size()).isEqualTo(1);
    }
}
