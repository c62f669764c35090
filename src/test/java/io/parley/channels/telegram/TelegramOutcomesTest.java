package io.parley.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.delivery.SendOutcome;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Bot API answer to a send, classified (spec §1.6) in one table. */
class TelegramOutcomesTest {
    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "429|Too Many Requests: retry after 3|retry|http_429|true|false",
                "500|Internal Server Error|retry|http_500|false|false",
                "502|Bad Gateway|retry|http_502|false|false",
                "401|Unauthorized|rejected|http_401|false|true",
                "403|Forbidden: bot was blocked by the user|rejected|telegram_blocked|false|false",
                "403|Forbidden: user is deactivated|rejected|http_403|false|false",
                "403|Forbidden: bot was kicked from the group chat|rejected|http_403|false|true",
                "403|Forbidden: bot can't initiate conversation with a user|rejected|http_403|false|true",
                "400|Bad Request: chat not found|rejected|http_400|false|false",
                "400|Bad Request: message is too long|rejected|http_400|false|false",
                "404|Not Found: method not found|rejected|http_404|false|false"
            })
    void should_classify_each_answer(
            int status, String description, String kind, String code, boolean throttled, boolean alert) {
        BotAnswer answer =
                new BotAnswer(status, false, null, description, status == 429 ? Duration.ofSeconds(3) : null);

        SendOutcome outcome = TelegramOutcomes.of(answer, null);

        if (kind.equals("retry")) {
            assertThat(outcome).isInstanceOfSatisfying(SendOutcome.RetryLater.class, retry -> {
                assertThat(retry.code()).isEqualTo(code);
                assertThat(retry.throttled()).isEqualTo(throttled);
                if (throttled) {
                    assertThat(retry.notBefore()).isEqualTo(Duration.ofSeconds(3));
                }
            });
        } else {
            assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, rejected -> {
                assertThat(rejected.code()).isEqualTo(code);
                assertThat(rejected.alert()).isEqualTo(alert);
            });
        }
    }
}
