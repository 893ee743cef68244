package casetrack.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's HTTP/1.1 client for its load loops: one blocking keep-alive connection per client
 * thread, requests written as prepared bytes, answers read by Content-Length or chunked encoding.
 * Java's {@code HttpClient} spent about 1 ms of CPU per command in the fixed-rate phases (its
 * selector thread, executor hand-offs and futures), a third of a core at 330 commands/s on the two
 * cores it shares with what it measures; this spends a small fraction of that. Loopback only, no
 * TLS, no redirects, no pipelining: what the bench needs and nothing else.
 */
final class LeanHttp {

    /** An answer: status, the headers the bench reads (lower-case names), the body. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One keep-alive connection to one host and port; not thread-safe (one per client thread). */
    static final class Connection implements AutoCloseable {
        private final String host;
        private final int port;
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        /** Whether a byte of the current answer has arrived. */
        private boolean answerStarted;

        Connection(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /**
         * Sends the request and reads its answer; on any failure the connection is closed (the next
         * call reconnects). A request on a kept-alive connection that fails before any of its answer
         * arrived is sent once more on a new connection.
         */
        Answer exchange(String method, String path, String authorization, String jsonBody) throws IOException {
            byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (jsonBody != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            byte[] request = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            boolean reused = socket != null;
            try {
                return send(request, body);
            } catch (IOException e) {
                if (!reused || answerStarted) {
                    throw e;
                }
                // a kept-alive connection the server had closed meanwhile (it restarted, or timed the
                // connection out): nothing of an answer came back, so the request was not taken in;
                // send it once more on a new connection, as browsers and HTTP clients do
                return send(request, body);
            }
        }

        private Answer send(byte[] request, byte[] body) throws IOException {
            answerStarted = false;
            try {
                if (socket == null) {
                    open();
                }
                out.write(request);
                out.write(body);
                out.flush();
                Answer answer = read();
                if ("close".equalsIgnoreCase(answer.header("connection"))) {
                    close();
                }
                return answer;
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        private void open() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.setSoTimeout(30_000);
            s.connect(new InetSocketAddress(host, port), 5_000);
            socket = s;
            out = s.getOutputStream();
            in = new BufferedInputStream(s.getInputStream(), 16_384);
        }

        private Answer read() throws IOException {
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            Map<String, String> headers = new HashMap<>();
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
                }
            }
            byte[] body;
            String length = headers.get("content-length");
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked();
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else if (status == 204 || status == 304) {
                body = new byte[0];
            } else {
                // no length: the body runs to the end of the connection
                body = in.readAllBytes();
                close();
            }
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                line(); // the CRLF after the chunk
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("connection closed by the server");
                }
                answerStarted = true;
                if (c == '\n') {
                    int n = line.length();
                    return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
                }
                line.append((char) c);
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            socket = null;
            out = null;
            in = null;
        }
    }

    /** The connections of one client thread, one per host and port it talks to. */
    static final class Client implements AutoCloseable {
        private final Map<String, Connection> connections = new HashMap<>();

        Answer exchange(String method, String url, String authorization, String jsonBody) throws IOException {
            URI uri = URI.create(url);
            String key = uri.getHost() + ":" + uri.getPort();
            Connection c = connections.computeIfAbsent(key, k -> new Connection(uri.getHost(), uri.getPort()));
            String path = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
            return c.exchange(method, path, authorization, jsonBody);
        }

        @Override
        public void close() {
            connections.values().forEach(Connection::close);
            connections.clear();
        }
    }

    private LeanHttp() {
    }
}
