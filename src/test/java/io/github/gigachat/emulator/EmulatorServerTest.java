package io.github.gigachat.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's own HTTP/1.1 server, spoken to over raw sockets. */
class EmulatorServerTest {
    private static final EmulatorAccount B2B = EmulatorAccount.DEMO_B2B_PAID;

    private GigaChatEmulator emulator;

    @BeforeEach
    void start() throws IOException {
        emulator = GigaChatEmulator.builder().demoAccounts().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** A parsed answer: status, header fields by lower-case name, body. */
    private record Answer(int status, Map<String, String> headers, String body) {}

    @Test
    void startingAndServingChangesNoSystemProperty() throws IOException {
        Properties before = (Properties) System.getProperties().clone();

        try (GigaChatEmulator another =
                GigaChatEmulator.builder().demoAccounts().start()) {
            assertThat(new EmulatorHttp(another).accessToken(B2B)).isNotEmpty();
        }

        assertThat(System.getProperties()).isEqualTo(before);
        // what the JDK's server needed to answer without a 40 ms stall; the build sets no such property for tests
        assertThat(System.getProperty("sun.net.httpserver.nodelay")).isNull();
    }

    @Test
    void servesSeveralRequestsOnOneConnectionEachWithAContentLength() throws IOException {
        try (Socket socket = connect()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 3; i++) {
                write(socket, tokenRequest(""));
                Answer answer = read(in);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.headers().get("content-length"))
                        .isEqualTo(Integer.toString(answer.body().length()));
                assertThat(answer.headers()).doesNotContainKey("connection");
                assertThat(answer.body()).contains("\"access_token\"");
            }
        }
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isEqualTo(3);
    }

    @Test
    void answersPipelinedRequestsInOrder() throws IOException {
        try (Socket socket = connect()) {
            write(socket, tokenRequest("") + "GET /api/v1/nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = new BufferedInputStream(socket.getInputStream());

            assertThat(read(in).status()).isEqualTo(200);
            assertThat(read(in).status()).isEqualTo(404);
        }
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers() throws IOException {
        String token = new EmulatorHttp(emulator).accessToken(B2B);
        String json = "{\"model\":\"GigaChat\",\"input\":[\"First text\"]}";
        String request = "POST /api/v1/tokens/count HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(10) + ";ext=1\r\n" + json.substring(0, 10) + "\r\n"
                + Integer.toHexString(json.length() - 10) + "\r\n" + json.substring(10) + "\r\n"
                + "0\r\nX-Trailer: t\r\n\r\n";
        try (Socket socket = connect()) {
            write(socket, request);
            Answer answer = read(new BufferedInputStream(socket.getInputStream()));

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("[{\"object\":\"tokens\",\"tokens\":2,\"characters\":10}]");
        }
    }

    @Test
    void sendsOneHundredContinueBeforeReadingABodyThatExpectsIt() throws IOException {
        String body = "scope=" + B2B.scope();
        String head = "POST /api/v2/oauth HTTP/1.1\r\nHost: x\r\nRqUID: " + UUID.randomUUID()
                + "\r\nAuthorization: Basic "
                + B2B.authorizationKey() + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + body.length() + "\r\nExpect: 100-continue\r\n\r\n";
        try (Socket socket = connect()) {
            write(socket, head);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertThat(line(in)).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(line(in)).isEmpty();

            write(socket, body);
            assertThat(read(in).status()).isEqualTo(200);
        }
    }

    @Test
    void closesTheConnectionAfterAnAnswerWhenAskedTo() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            InputStream in = new BufferedInputStream(socket.getInputStream());

            Answer answer = read(in);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.headers().get("connection")).isEqualTo("close");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void anHttp10RequestIsAnsweredAndTheConnectionClosedUnlessKeptAlive() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "GET /api/v1/models HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Answer kept = read(in);
            assertThat(kept.headers().get("connection")).isEqualTo("keep-alive");

            write(socket, "GET /api/v1/models HTTP/1.0\r\n\r\n");
            assertThat(read(in).status()).isEqualTo(401);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void refusesMalformedRequestsWith400AndCloses() throws IOException {
        for (String request : new String[] {
            "NONSENSE\r\n\r\n",
            "GET /api/v1/models HTTP/1.1\r\nno colon here\r\n\r\n",
            "POST /api/v2/oauth HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            "POST /api/v2/oauth HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "POST /api/v2/oauth HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "GET /a b c HTTP/1.1\r\n\r\n"
        }) {
            try (Socket socket = connect()) {
                write(socket, request);
                InputStream in = new BufferedInputStream(socket.getInputStream());

                Answer answer = read(in);
                assertThat(answer.status()).as(request).isEqualTo(400);
                assertThat(answer.headers().get("content-type")).isEqualTo("application/json");
                assertThat(answer.body()).startsWith("{\"status\":400,");
                assertThat(in.read()).isEqualTo(-1);
            }
        }
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    @Test
    void refusesOtherHttpVersionsWith505() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "GET /api/v1/models HTTP/2.0\r\n\r\n");

            assertThat(read(new BufferedInputStream(socket.getInputStream())).status())
                    .isEqualTo(505);
        }
    }

    @Test
    void refusesAnOversizedHeaderBlockWith431() throws IOException {
        try (Socket socket = connect()) {
            write(
                    socket,
                    "GET /api/v1/models HTTP/1.1\r\nX-Big: " + "a".repeat(HttpRequestReader.MAX_LINE_BYTES)
                            + "\r\n\r\n");

            assertThat(read(new BufferedInputStream(socket.getInputStream())).status())
                    .isEqualTo(431);
        }
    }

    @Test
    void aHeadAnswerHasTheLengthOfTheBodyItLeavesOut() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "HEAD /api/v1/models HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/nowhere HTTP/1.1\r\n\r\n");
            InputStream in = new BufferedInputStream(socket.getInputStream());

            assertThat(line(in)).isEqualTo("HTTP/1.1 405 Method Not Allowed");
            Map<String, String> headers = headers(in);
            assertThat(Integer.parseInt(headers.get("content-length"))).isPositive();
            assertThat(headers.get("allow")).isEqualTo("GET");
            // the next bytes are the answer to the second request: the HEAD answer had no body
            assertThat(read(in).status()).isEqualTo(404);
        }
    }

    @Test
    void closeCutsOffOpenConnections() throws IOException {
        try (Socket socket = connect()) {
            write(socket, tokenRequest(""));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertThat(read(in).status()).isEqualTo(200);

            emulator.close();

            assertThat(in.read()).isEqualTo(-1);
        }
    }

    private String tokenRequest(String extraHeaders) {
        String body = "scope=" + B2B.scope();
        return "POST /api/v2/oauth HTTP/1.1\r\nHost: 127.0.0.1\r\nRqUID: " + UUID.randomUUID()
                + "\r\nAuthorization: Basic " + B2B.authorizationKey()
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\n" + extraHeaders + "Content-Length: "
                + body.length() + "\r\n\r\n" + body;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", emulator.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        assertThat(statusLine).startsWith("HTTP/1.1 ");
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = headers(in);
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        assertThat(body).hasSize(length);
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
