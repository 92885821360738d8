package io.github.gigachat.emulator;

import java.util.regex.Pattern;

/** Checks the canonical 36-character UUID form used by client ids and the RqUID header. */
final class Uuids {
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {}

    static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }
}
