package casetrack.query.http;

import casetrack.query.live.CaseChangeHub;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events: {@code ready} once subscribed, then {@code case-changed} with
 * {@code {caseId, version, type}} each time a case's projection commits a new version.
 */
@RestController
public class StreamController {

    private final CaseChangeHub hub;

    public StreamController(CaseChangeHub hub) {
        this.hub = hub;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() {
        return hub.subscribe();
    }
}
