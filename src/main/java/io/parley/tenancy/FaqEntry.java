package io.parley.tenancy;

public record FaqEntry(String question, String answer) {}
