package io.parley.payments.internal.checkout;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.parley.payments.PaymentId;
import io.parley.payments.internal.StripeProperties;
import io.parley.platform.Ids;
import io.parley.platform.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler task that creates a payment's Checkout Session; its instance id is the payment id. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeProperties.class)
public class CheckoutJob {
    public static final String TASK = "stripe-checkout";

    @Bean
    CustomTask<Void> stripeCheckoutTask(CheckoutAttempts attempts) {
        return Tasks.custom(TASK, Void.class)
                .onFailure(Jobs.retryWithCappedBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    PaymentId id = Ids.parse(instance.getId(), "payment", PaymentId::new);
                    Optional<Instant> retryAt = attempts.attempt(id);
                    return retryAt.<CompletionHandler<Void>>map(
                                    at -> (complete, operations) -> operations.reschedule(complete, at))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }
}
