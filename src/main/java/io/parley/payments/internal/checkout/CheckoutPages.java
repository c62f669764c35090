package io.parley.payments.internal.checkout;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where Stripe Checkout sends the customer back ({@link CheckoutAttempts}' success and cancel URLs). Both pages only
 * say something: a payment is settled by Stripe's signed webhook (or the sweep), never by someone opening
 * {@code /pay/done}, which anyone can.
 */
@Controller
class CheckoutPages {
    @GetMapping("/pay/done")
    String done(HttpServletResponse response) {
        headers(response);
        return "pay/done";
    }

    @GetMapping("/pay/cancelled")
    String cancelled(HttpServletResponse response) {
        headers(response);
        return "pay/cancelled";
    }

    private static void headers(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
    }
}
