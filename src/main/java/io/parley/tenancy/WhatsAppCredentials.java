package io.parley.tenancy;

import io.parley.platform.Secret;

public record WhatsAppCredentials(Secret accessToken, Secret appSecret) {}
