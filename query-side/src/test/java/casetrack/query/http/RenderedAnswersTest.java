package casetrack.query.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedAnswersTest {

    record Answer(String caseId, long version, String text) {
    }

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void rendersOncePerVersionAndAgainForANewOne() {
        RenderedAnswers answers = new RenderedAnswers(json, 1 << 20);
        AtomicInteger reads = new AtomicInteger();
        RenderedAnswers.Rendered first = answers.get("summary/a", 3, () -> {
            reads.incrementAndGet();
            return new Answer("a", 3, "three");
        }, Answer::version);
        RenderedAnswers.Rendered again = answers.get("summary/a", 3, () -> {
            reads.incrementAndGet();
            return new Answer("a", 3, "changed?");
        }, Answer::version);
        assertThat(reads).hasValue(1);
        assertThat(new String(again.json())).isEqualTo(new String(first.json())).contains("three");

        RenderedAnswers.Rendered next = answers.get("summary/a", 4, () -> new Answer("a", 4, "four"), Answer::version);
        assertThat(new String(next.json())).contains("four");
        assertThat(next.version()).isEqualTo(4);
    }

    @Test
    void keepsAnAnswerUnderTheVersionItShows() {
        RenderedAnswers answers = new RenderedAnswers(json, 1 << 20);
        // asked at version 3, but a step landed before the read: the answer shows version 4
        RenderedAnswers.Rendered read = answers.get("timeline/a", 3, () -> new Answer("a", 4, "four"), Answer::version);
        assertThat(read.version()).isEqualTo(4);
        AtomicInteger reads = new AtomicInteger();
        answers.get("timeline/a", 4, () -> {
            reads.incrementAndGet();
            return new Answer("a", 4, "four");
        }, Answer::version);
        assertThat(reads).as("found under version 4").hasValue(0);
        answers.get("timeline/a", 3, () -> {
            reads.incrementAndGet();
            return new Answer("a", 3, "three");
        }, Answer::version);
        assertThat(reads).as("nothing was kept under version 3").hasValue(1);
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsBytes() {
        RenderedAnswers answers = new RenderedAnswers(json, 8 * 200);
        String text = "x".repeat(150);
        for (int i = 0; i < 20; i++) {
            int n = i;
            answers.get("summary/c" + n, 1, () -> new Answer("c" + n, 1, text), Answer::version);
            answers.get("summary/c0", 1, () -> new Answer("c0", 1, text), Answer::version); // keep c0 in use
        }
        assertThat(answers.size()[1]).isLessThanOrEqualTo(8 * 200);
        AtomicInteger reads = new AtomicInteger();
        answers.get("summary/c0", 1, () -> {
            reads.incrementAndGet();
            return new Answer("c0", 1, text);
        }, Answer::version);
        answers.get("summary/c1", 1, () -> {
            reads.incrementAndGet();
            return new Answer("c1", 1, text);
        }, Answer::version);
        assertThat(reads).as("c0 kept (recently used), c1 evicted").hasValue(1);
    }

    @Test
    void keepsNothingWithNoBytes() {
        RenderedAnswers answers = new RenderedAnswers(json, 0);
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            answers.get("summary/a", 1, () -> {
                reads.incrementAndGet();
                return new Answer("a", 1, "one");
            }, Answer::version);
        }
        assertThat(reads).hasValue(2);
    }
}
