package io.parley.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full Parley on a random port, with real PostgreSQL and the WireMock fakes, on a {@link SettableClock} that
 * {@link TestTime} moves. Timings are shortened (debounce, polling, backoff) so tests that only want an answer get it
 * soon; tests of behaviour in time extend {@link TimeTestSupport}, whose clock stands still until the test moves it.
 */
@java.lang.annotation.Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "parley.conversation.debounce=500ms",
            "parley.conversation.reaper-interval=1s",
            // The fake model answers at once: tests of the indicator want it shown before the model call, as with 0.
            "parley.conversation.typing-delay=0s",
            "parley.delivery.first-backoff=200ms",
            // After a lost Graph answer, wait this long for the status report before sending again (ADR 18).
            "parley.delivery.confirmation-wait=2s",
            "db-scheduler.polling-interval=100ms",
            "db-scheduler.heartbeat-interval=1s",
            "parley.demo.enabled=true",
            // Several contexts stay cached for the whole run (one per distinct configuration), each holding its pool
            // open: 20 connections each would exhaust a default PostgreSQL's max_connections (100).
            "parley.db.pool-size=10",
            "parley.whatsapp.ingest-concurrency=10",
            "parley.knowledge.crawl-delay=20ms",
            "parley.knowledge.fetch-timeout=2s",
            "parley.knowledge.retry-backoff=100ms",
            "parley.knowledge.max-retry-backoff=500ms",
            "parley.knowledge.max-attempts=3",
            "parley.knowledge.fairness-wait=200ms",
            "parley.knowledge.remote-timeout=5s",
            "parley.knowledge.max-file-size=2MB",
            // A zip bomb that passes POI's own guards fits under the 2 MB upload limit
            // (KnowledgeIngestionIntegrationTest).
            "parley.knowledge.extraction.max-expanded-size=8MB",
            // Uploads: a 4 MB multipart ceiling above the knowledge (2 MB) and image (1 MB) limits, so each route's own
            // 413 is reachable without pushing WhatsApp-sized files around.
            "parley.uploads.max-file-size=4MB",
            "parley.uploads.max-request-size=5MB",
            "parley.whatsapp.upload.max-image=1MB",
            // Tenant URLs in tests point at the WireMock fakes on loopback (ADR 24).
            "parley.egress.allow=127.0.0.1,localhost",
            "parley.media.first-backoff=100ms",
            "parley.media.max-retries=2",
            "parley.whatsapp.media-transfer-timeout=1s",
            // Every test talks from 127.0.0.1, so per-address limits would add up over the whole run (the access matrix
            // alone answers hundreds of 401s). Tests of those limits talk from addresses of their own (Api.from).
            "parley.ratelimit.ingress.auth-failures-per-minute=1000000",
            "parley.ratelimit.ingress.public-per-minute=1000000",
            "parley.staff.max-failed-logins-per-address=1000000",
            "logging.structured.format.console=logstash",
            // Cached contexts are closed when the test JVM exits; a browser's or client's open event stream must not
            // hold each graceful shutdown for the default 30 s (Surefire kills a JVM still exiting after 30 s).
            "spring.lifecycle.timeout-per-shutdown-phase=2s"
        })
@ContextConfiguration(initializers = ParleyTestContext.class)
@Import(TestClocks.class)
public @interface ParleyIntegrationTest {}
