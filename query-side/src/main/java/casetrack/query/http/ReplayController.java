package casetrack.query.http;

import casetrack.query.replay.ReplayService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators rebuild every projection from the first event and follow the progress. */
@RestController
@RequestMapping("/api/admin/replay")
public class ReplayController {

    private final ReplayService replay;

    public ReplayController(ReplayService replay) {
        this.replay = replay;
    }

    @PostMapping
    public ResponseEntity<ReplayService.Progress> start() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", "/api/admin/replay").body(replay.start());
    }

    @GetMapping
    public ReplayService.Progress progress() {
        return replay.progress();
    }
}
