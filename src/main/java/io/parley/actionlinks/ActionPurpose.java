package io.parley.actionlinks;

/**
 * Port: what an action link does, one Spring bean per {@link #purpose()} (e.g. {@code deposit.pay} in payments).
 * {@link #prompt} fills the confirmation page a {@code GET} shows and must not change anything. {@link #act} runs
 * when the page's {@code POST} used the link, inside the transaction that counted the use: its writes commit with the
 * use, and a {@link ActionOutcome.Failed} or {@link ActionOutcome.Later} rolls both back. It must not call remote
 * services (schedule a job instead): it holds a database connection and the link's row lock.
 */
public interface ActionPurpose {

    /** The name links are issued with: lower case, digits, {@code .}, {@code _}, {@code -}; unique. */
    String purpose();

    /** The confirmation page for {@code link} (plain text; the page escapes it). */
    ActionPrompt prompt(ActionLink link);

    /** Acts on {@code link}, whose use has just been counted. */
    ActionOutcome act(ActionLink link);
}
