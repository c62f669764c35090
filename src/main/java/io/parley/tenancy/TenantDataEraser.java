package io.parley.tenancy;

/**
 * Port: a module that keeps a tenant's data where the database's foreign-key cascade cannot reach it (files in the
 * media store) erases that data when a channel, chatbot or organization is deleted. Called inside the deleting
 * transaction, before the rows go, so the module can still find what the rows pointed to (ADR 33).
 */
public interface TenantDataEraser {
    void erase(DeletionScope scope);
}
