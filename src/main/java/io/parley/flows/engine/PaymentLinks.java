package io.parley.flows.engine;

/** Fills the payment link into a payment step's text once the link exists (when the turn commits). */
public final class PaymentLinks {
    private PaymentLinks() {}

    public static String fill(String text, String link) {
        return text.replace(Rendering.PAYMENT_LINK, link);
    }
}
