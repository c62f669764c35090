-- What Meta answered for a WhatsApp number when it was connected (GET /{phone-number-id}?fields=...), shown on the
-- channel; null for numbers connected before verification existed or with PARLEY_WHATSAPP_VERIFYONCONNECT=false.
alter table channel_accounts
    add column display_phone_number text,
    add column verified_name text;
