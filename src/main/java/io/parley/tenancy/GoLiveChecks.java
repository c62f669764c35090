package io.parley.tenancy;

import io.parley.platform.ChatbotId;

/**
 * Port: what a chatbot must pass before it leaves pilot mode (issue 16: a valid published flow, approved templates,
 * live payment keys, green golden transcripts). Tenancy asks it when pilot mode is switched off; the module that
 * knows the chatbot's engine implements it ({@code io.parley.flows}).
 */
public interface GoLiveChecks {
    GoLiveReport check(ChatbotId chatbot);
}
