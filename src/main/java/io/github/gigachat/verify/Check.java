package io.github.gigachat.verify;

/** One line of the verification: a named check, its status and a message for people. */
public record Check(String name, Status status, String message) {
    /** The status of one check; the names appear in the reports. */
    public enum Status {
        PASS,
        FAIL,
        WARN,
        SKIP
    }

    static Check pass(String name, String message) {
        return new Check(name, Status.PASS, message);
    }

    static Check fail(String name, String message) {
        return new Check(name, Status.FAIL, message);
    }

    static Check warn(String name, String message) {
        return new Check(name, Status.WARN, message);
    }

    static Check skip(String name, String message) {
        return new Check(name, Status.SKIP, message);
    }
}
