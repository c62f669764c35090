package io.parley.agent;

/**
 * How a turn's prompt was fitted into the model's context window (ADR 32): per section, the tokens planned (its
 * budget) and the tokens actually sent, counted with {@code counting}. Recorded on the turn.
 *
 * @param counting             the tokenizer ({@code o200k_base}, {@code cl100k_base}) or the estimate used
 * @param promptTokens         the whole first request as counted here (sections plus per-message overhead)
 * @param reportedPromptTokens what the provider reported for that request; null when the call failed
 */
public record PromptReport(
        int contextWindow, String counting, Sections sections, int promptTokens, Integer reportedPromptTokens) {

    /**
     * @param reply planned: tokens reserved for the answer; actual: what the model generated (all rounds)
     */
    public record Sections(Section system, Section tools, Section knowledge, Section history, Section reply) {}

    /**
     * @param dropped passages (knowledge) or messages (history) left out to fit; system and tools are never cut
     */
    public record Section(int planned, int actual, int dropped) {}

    /** The same plan once the model answered. */
    public PromptReport answered(Integer reportedPromptTokens, int replyTokens) {
        Section reply = new Section(sections.reply().planned(), replyTokens, 0);
        return new PromptReport(
                contextWindow,
                counting,
                new Sections(sections.system(), sections.tools(), sections.knowledge(), sections.history(), reply),
                promptTokens,
                reportedPromptTokens);
    }
}
