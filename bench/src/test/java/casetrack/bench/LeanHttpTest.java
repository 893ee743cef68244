package casetrack.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's HTTP/1.1 client against the JDK's own HTTP server on loopback. */
class LeanHttpTest {

    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private String base;
    private final java.util.concurrent.atomic.AtomicInteger echoed = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        serve(0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/echo", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            echoed.incrementAndGet();
            byte[] in = exchange.getRequestBody().readAllBytes();
            String answer = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth=" + exchange.getRequestHeaders()
                    .getFirst("Authorization") + " body=" + new String(in, StandardCharsets.UTF_8);
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Casetrack-Version", "7");
            exchange.sendResponseHeaders(201, out.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(out);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // length unknown: chunked
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    body.write(("chunk " + i + ";").getBytes(StandardCharsets.UTF_8));
                    body.flush();
                }
            }
        });
        server.createContext("/not-modified", exchange -> {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
        });
        server.createContext("/closing", exchange -> {
            exchange.getResponseHeaders().add("Connection", "close");
            byte[] out = "bye".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void requestsGoOutWithTheirBodyAndHeadersAndAnswersComeBackOnOneConnection() throws IOException {
        try (LeanHttp.Client client = new LeanHttp.Client()) {
            for (int i = 0; i < 20; i++) {
                LeanHttp.Answer a = client.exchange("POST", base + "/echo?n=" + i, "Bearer t-" + i, "{\"ü\":" + i + "}");
                assertThat(a.status()).isEqualTo(201);
                assertThat(a.header("X-Casetrack-Version")).isEqualTo("7");
                assertThat(a.body()).isEqualTo("POST /echo?n=" + i + " auth=Bearer t-" + i + " body={\"ü\":" + i + "}");
            }
            assertThat(client.exchange("GET", base + "/echo", null, null).body()).isEqualTo("GET /echo auth=null body=");
        }
        assertThat(clientPorts).as("kept alive: every request on the same connection").hasSize(1);
    }

    @Test
    void chunkedAndEmptyAnswersAreReadWholeAndTheConnectionStaysUsable() throws IOException {
        try (LeanHttp.Client client = new LeanHttp.Client()) {
            LeanHttp.Answer chunked = client.exchange("GET", base + "/chunked", null, null);
            assertThat(chunked.status()).isEqualTo(200);
            assertThat(chunked.body()).startsWith("chunk 0;chunk 1;").endsWith("chunk 49;");
            assertThat(client.exchange("GET", base + "/not-modified", null, null).status()).isEqualTo(304);
            assertThat(client.exchange("GET", base + "/echo", null, null).status()).isEqualTo(201);
        }
    }

    @Test
    void aConnectionTheServerClosesIsReopenedForTheNextRequest() throws IOException {
        try (LeanHttp.Client client = new LeanHttp.Client()) {
            assertThat(client.exchange("GET", base + "/closing", null, null).body()).isEqualTo("bye");
            assertThat(client.exchange("GET", base + "/echo", null, null).status()).isEqualTo(201);
            assertThat(client.exchange("GET", base + "/echo", null, null).status()).isEqualTo(201);
        }
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void aKeptConnectionToAServerThatRestartedMeanwhileIsReplacedAndTheRequestSentOnce() throws IOException {
        try (LeanHttp.Client client = new LeanHttp.Client()) {
            assertThat(client.exchange("POST", base + "/echo", null, "{\"n\":1}").status()).isEqualTo(201);
            int port = server.getAddress().getPort();
            server.stop(0);
            serve(port); // the bench restarts a service on the same port; the kept connection is dead
            clientPorts.clear();
            echoed.set(0);
            LeanHttp.Answer a = client.exchange("POST", base + "/echo", null, "{\"n\":2}");
            assertThat(a.status()).isEqualTo(201);
            assertThat(a.body()).isEqualTo("POST /echo auth=null body={\"n\":2}");
            assertThat(echoed).as("the restarted server took the request once").hasValue(1);
            assertThat(clientPorts).as("on one new connection").hasSize(1);
        }
    }

    @Test
    void aFirstRequestThatCannotConnectFailsAtOnce() throws IOException {
        int port = server.getAddress().getPort();
        server.stop(0);
        try (LeanHttp.Client client = new LeanHttp.Client()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.exchange("GET", "http://127.0.0.1:" + port + "/echo", null, null))
                    .isInstanceOf(IOException.class);
        }
        serve(port);
    }
}
