package io.parley.actionlinks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A purpose for the tests of the link mechanics, {@code test.record}: it counts how often it acted per subject and
 * answers what the link's payload asks ({@code outcome}: redirect, done, fail, later); with {@code gate} it waits in
 * its act, holding the link's row, until the test opens {@link #GATE}.
 */
class RecordingPurpose implements ActionPurpose {
    static final String PURPOSE = "test.record";
    static final Map<String, AtomicInteger> ACTS = new ConcurrentHashMap<>();
    static volatile CountDownLatch GATE = new CountDownLatch(0);

    @TestConfiguration
    static class Config {
        @Bean
        RecordingPurpose recordingPurpose() {
            return new RecordingPurpose();
        }
    }

    static int acts(String subject) {
        AtomicInteger count = ACTS.get(subject);
        return count == null ? 0 : count.get();
    }

    @Override
    public String purpose() {
        return PURPOSE;
    }

    @Override
    public ActionPrompt prompt(ActionLink link) {
        return new ActionPrompt(
                String.valueOf(link.payload().getOrDefault("title", "Confirm the booking")),
                "Booking " + link.subjectId(),
                "Confirm");
    }

    @Override
    public ActionOutcome act(ActionLink link) {
        ACTS.computeIfAbsent(link.subjectId(), s -> new AtomicInteger()).incrementAndGet();
        if (Boolean.TRUE.equals(link.payload().get("gate"))) {
            await(GATE, Duration.ofSeconds(30));
        }
        return switch (String.valueOf(link.payload().getOrDefault("outcome", "redirect"))) {
            case "done" -> new ActionOutcome.Done("Booking " + link.subjectId() + " confirmed.");
            case "fail" -> new ActionOutcome.Failed("booking_taken", "Someone else took this slot.");
            case "later" -> new ActionOutcome.Later("booking_not_ready", "Try again in a moment.");
            default -> new ActionOutcome.Redirect("https://shop.example/bookings/" + link.subjectId());
        };
    }

    private static void await(CountDownLatch latch, Duration limit) {
        try {
            if (!latch.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
