package io.github.gigachat.report;

import java.util.Locale;
import java.util.Map;

/**
 * Writes one JUnit XML test suite in the shape Jenkins' {@code junit} step, Surefire's report parser and the Warnings NG
 * JUnit parser read: the suite's counts, its properties, one line per test case. Every text is escaped here, so callers
 * pass plain words.
 */
public final class JUnitXml {
    private final StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final String suite;

    /** Starts the suite; the counts must match the test cases that follow. */
    public JUnitXml(String suite, long tests, long failures, long errors, long skipped, long durationMillis) {
        this.suite = suite;
        xml.append("<testsuite name=\"")
                .append(escape(suite))
                .append("\" tests=\"")
                .append(tests)
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"")
                .append(errors)
                .append("\" skipped=\"")
                .append(skipped)
                .append("\" time=\"")
                .append(String.format(Locale.ROOT, "%.3f", durationMillis / 1000.0))
                .append("\">\n");
    }

    /** The suite's properties in the map's order; a null value leaves its property out. */
    public JUnitXml properties(Map<String, String> properties) {
        xml.append("  <properties>\n");
        properties.forEach((name, value) -> {
            if (value != null) {
                xml.append("    <property name=\"")
                        .append(escape(name))
                        .append("\" value=\"")
                        .append(escape(value))
                        .append("\"/>\n");
            }
        });
        xml.append("  </properties>\n");
        return this;
    }

    /** A passing test case whose standard output says what it checked. */
    public JUnitXml passed(String name, String output) {
        return testCase(name, "<system-out>" + escape(output) + "</system-out>");
    }

    /** A test case that failed: the build's verdict on what it checked. */
    public JUnitXml failed(String name, String type, String message, String detail) {
        return testCase(name, problem("failure", type, message, detail));
    }

    /** A test case that could not run. */
    public JUnitXml error(String name, String type, String message, String detail) {
        return testCase(name, problem("error", type, message, detail));
    }

    /** A test case that was skipped, and why. */
    public JUnitXml skipped(String name, String message) {
        return testCase(name, "<skipped message=\"" + escape(message) + "\"/>");
    }

    /** Closes the suite and returns the document. */
    public String finish() {
        return xml.append("</testsuite>\n").toString();
    }

    private static String problem(String element, String type, String message, String detail) {
        return "<" + element + " type=\"" + escape(type) + "\" message=\"" + escape(message) + "\">" + escape(detail)
                + "</" + element + ">";
    }

    private JUnitXml testCase(String name, String body) {
        xml.append("  <testcase classname=\"")
                .append(escape(suite))
                .append("\" name=\"")
                .append(escape(name))
                .append("\" time=\"0\">")
                .append(body)
                .append("</testcase>\n");
        return this;
    }

    /** Escapes text for XML content and attributes, dropping the control characters XML 1.0 forbids. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n', '\t' -> out.append(c);
                default -> {
                    if (c >= 0x20 || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
