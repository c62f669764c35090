package io.parley.apidocs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The problem {@code code}s Parley answers with, each with its HTTP status and what it means, for the OpenAPI
 * description (clients branch on {@code code}, never on {@code detail}). {@code ProblemCodesTest} fails when the
 * code base throws or answers a code that is missing here. A code is stable: renaming one breaks clients.
 */
final class ProblemCodes {
    record ProblemCode(String code, int status, String meaning) {}

    /** "code status meaning", one a line. */
    static final List<ProblemCode> ALL = parse("""
            validation_failed            400 A field is missing or invalid; `field` (or `errors`) names it
            malformed_request            400 The body or a query parameter cannot be read (not JSON, not UTF-8, broken multipart)
            invalid_text                 400 A text cannot be stored (a NUL character, bytes that are not UTF-8)
            bad_request                  400 A required parameter or header is missing or of the wrong type
            api_key_required             400 The change sends a stored provider key somewhere else: give a new key or remove it
            egress_refused               400 The URL points where Parley may not connect (private address, wrong scheme)
            malformed_webhook            400 The webhook body is not the JSON the provider sends
            business_account_id_missing  400 The WhatsApp channel needs its business account id for this
            channel_verification_failed  400 The provider refused the channel's credentials or number
            telegram_token_invalid       400 Not a Telegram bot token, or Telegram refused it (getMe)
            telegram_webhook_refused     400 Telegram refused the webhook for this server's public URL (https, port 443/80/88/8443)
            email_missing                400 The staff user has no email address to notify
            email_not_configured         400 This Parley server has no SMTP host
            invalid_alert_sink           400 The alert sink's type or settings are invalid
            invalid_notification_template 400 A notification template is malformed or cannot be rendered; `field` names the part
            template_variables_missing   400 A notification template's declared variables were not all given; `missing` lists every one
            template_has_no_part         400 The notification template has no part for the channel; `channel` names it
            notification_template_unknown 400 No notification template of that name (default or the organization's)
            unknown_staff_channel        400 No staff channel of that name on this Parley; `channel` names it
            staff_channel_cannot_link    400 The staff channel has nothing to link a contact point through for the organization; `channel` names it
            no_contact_point             400 The staff user has no contact point on the channel; `channel` names it
            contact_point_not_removable  400 The contact point is the staff user's account email; change it on the user
            stripe_key_invalid           400 A Stripe key has the wrong shape (sk_/rk_ secret key, whsec_ signing secret); `field` names it
            stripe_key_missing           400 A Stripe key is missing; `field` names it
            stripe_signature_invalid     400 Stripe-Signature is missing, does not match the endpoint's signing secret, or is too old
            invalid_email                400 Not an email address
            invalid_cursor               400 A page cursor that this list did not give out (the console's inbox)
            template_not_available       400 The template is not one of the approved templates of the conversation's channel
            upload_not_supported         400 The conversation's channel cannot take an uploaded file; attach one by its https link
            invalid_level                400 Not a known level
            invalid_limit                400 The limit is out of range
            invalid_min_score            400 minScore must be between 0 and 1
            invalid_phone                400 Not a phone number in E.164 form
            mcp_stdio_disabled           400 stdio MCP tool sources are switched off on this server
            no_contact                   400 The conversation has no contact to address
            no_phone_channel             400 The chatbot has no channel that can send to a phone number
            no_proactive_channel         400 No channel of the chatbot may start a conversation
            no_whatsapp_channel          400 The chatbot has no WhatsApp number
            not_reachable                400 The contact cannot be reached on this channel
            not_this_contact             400 The target belongs to another contact
            nothing_to_update            400 The request changes nothing
            phone_required               400 A phone number is required
            query_required               400 The search needs a query
            reply_target_not_delivered   400 The message replied to has not been delivered
            staff_phone_missing          400 The staff user has no phone number for a test message
            template_not_approved        400 The message template is not approved by the provider
            template_not_found           400 No message template with that name and language
            template_parameters_mismatch 400 The template's parameters do not match its placeholders
            template_sync_rejected       400 The provider refused to list the templates
            too_many_tags                400 More tags than a contact may have
            too_many_variables           400 More variables than allowed
            unknown_tool                 400 No tool with that name
            unsupported_channel_type     400 Not a channel type this server knows
            flow_invalid                 400 The flow definition is invalid; `errors` lists {step, field, message} (line/column when unreadable)
            golden_invalid               400 The golden transcript is invalid; `field` names where (docs/flows.md)
            unauthorized                 401 The bearer token is missing or not valid
            invalid_credentials          401 Wrong email or password
            invalid_key                  401 The channel key is missing or not valid (client API)
            invalid_user_hash            401 userHash does not sign externalId (client API)
            identity_required            401 The channel demands a signed identity (client API)
            invalid_signature            401 The webhook signature is missing or does not match
            forbidden                    403 The caller's role or organization does not allow this
            origin_not_allowed           403 The page's origin is not among the channel's allowedOrigins (client API)
            quota_exceeded               403 The organization's knowledge quota is used up
            route_not_found              404 No endpoint at this path
            organization_not_found       404 No such organization (or not the caller's)
            chatbot_not_found            404 No such chatbot (or not the caller's)
            channel_not_found            404 No such channel account
            conversation_not_found       404 No such conversation
            contact_not_found            404 No such contact
            api_key_not_found            404 No such API key
            staff_user_not_found         404 No such staff user
            event_not_found              404 No such system event
            alert_sink_not_found         404 No such alert sink
            alert_delivery_not_found     404 No such alert delivery
            notification_template_not_found 404 No notification template of that name (or no version of the organization's own to delete)
            notification_rule_not_found  404 No such notification rule
            contact_point_not_found      404 No such linked contact point of the staff user
            staff_notification_not_found 404 No such staff notification
            dead_letter_not_found        404 No such dead letter
            tool_source_not_found        404 No such tool source
            knowledge_source_not_found   404 No such knowledge source
            crawl_not_found              404 No such crawl
            campaign_not_found           404 No such campaign
            test_delivery_not_found      404 No such test message
            media_not_found              404 No such media object
            plan_not_found               404 No such plan
            price_not_found              404 No such model price
            flow_not_found               404 No flow with that key for this chatbot
            flow_version_not_found       404 The flow has no such version
            flow_test_not_found          404 No flow test (golden transcript) with that name for this chatbot
            flow_state_not_found         404 The conversation has not entered a flow (no flow state)
            stripe_integration_not_found 404 The organization has not connected Stripe, or the webhook URL names a removed integration
            payment_not_found            404 No such payment (or not the caller's)
            action_token_invalid         404 The action link's token is unknown or malformed (docs/api/action-links.md)
            external_engine_not_found    404 The chatbot has no external engine endpoint
            push_subscription_not_found  404 No such push subscription (or not the caller's organization's)
            method_not_allowed           405 The path exists, the method does not
            not_acceptable               406 No representation in the accepted media types
            alert_delivery_not_dead      409 Only a dead alert delivery can be replayed
            staff_notification_not_dead  409 Only a dead staff notification can be replayed
            channel_already_connected    409 The channel (number, key) is connected already
            chatbot_paused               409 The chatbot is paused and answers no messages; `reason` says why
            contacts_share_channel       409 The contacts to merge both have an identity on the same channel
            dead_letter_replayed         409 The dead letter was replayed already
            duplicate_request            409 The requestId was used already: the stored answer is included (client API)
            duplicate_source             409 The knowledge source exists already
            email_taken                  409 A staff user with this email exists
            idempotency_key_reused       409 The Idempotency-Key was used for a different request
            last_owner                   409 The organization's last owner cannot be removed or demoted
            media_failed                 409 The media object could not be downloaded
            media_not_ready              409 The media object is not downloaded yet; retry later
            media_skipped                409 The media object was not downloaded (too large, kind not kept)
            stripe_not_connected         409 The organization has not connected Stripe, so it cannot take payments
            payment_reference_conflict   409 A payment with this reference exists for another amount, currency or label
            payment_expired              409 The action link's payment expired; the customer asks for a new link
            payment_failed               409 The action link's payment failed (Stripe refused to create its Checkout Session)
            payment_unavailable          409 The action link names a payment its organization does not have
            request_id_reused            409 The requestId was used for a different request (client API)
            request_in_progress          409 A request with this requestId is still running; retry after Retry-After (client API)
            tool_source_name_taken       409 A tool source with this name exists
            flow_no_draft                409 The flow has no draft to publish (published already, or nothing saved since)
            flow_engine_unavailable      409 This server does not run flow conversations yet (parley.flows.engine-enabled)
            flow_not_published           409 The chatbot has no published version of that flow
            pilot_mode_outbound_blocked  409 The chatbot is in pilot mode and the contact is not on its allowlist: nothing was sent
            go_live_checks_failed        409 A go-live check failed (published flow, approved templates, live payment keys, golden transcripts): the chatbot stays in pilot mode; "checks" lists them
            action_token_expired         410 The action link has expired
            action_token_used            410 The action link has no uses left
            external_engine_not_configured 409 engine: external needs an endpoint first (PUT /api/v1/chatbots/{botId}/external-engine)
            external_engine_in_use       409 The chatbot runs on the external engine; switch its engine before removing the endpoint
            too_many_flow_tests          409 The chatbot has as many flow tests as it may have (200): delete one first
            content_too_large            413 The body or upload is larger than this route accepts
            payload_too_large            413 The body is larger than this route accepts
            unsupported_media_type       415 The body's content type (or the file's type) is not accepted here
            media_upload_failed          422 The provider did not take the media upload
            media_upload_rejected        422 The provider refused the media upload
            template_sync_unavailable    422 The provider could not list the templates
            telegram_unavailable         422 The Telegram Bot API could not be reached or failed; try again later
            tool_source_unreachable      422 The tool source could not be reached or answered unexpectedly
            interrupted                  422 The call to the tool source was interrupted
            model_authentication         422 The model provider refused the key
            model_invalid_request        422 The model provider refused the request
            model_quota_exhausted        422 The model provider's quota is used up
            rate_limited                 429 Too many messages from this contact or chatbot; retry after Retry-After
            too_many_login_attempts      429 Too many failed logins; retry after Retry-After
            too_many_failed_attempts     429 Too many failed authentications from this address; retry after Retry-After
            too_many_requests            429 Too many requests from this address; retry after Retry-After
            internal_error               500 Parley failed; quote the traceId when reporting it
            database_unavailable         503 The database is busy or unreachable; retry after Retry-After
            payment_not_ready            503 The payment's Checkout Session is being created; retry after Retry-After
            overloaded                   503 Too many webhook deliveries at once; the sender retries
            model_rate_limited           503 The model provider is rate limiting; retry later
            model_unavailable            503 The model provider is unavailable; retry later
            model_timeout                503 The model provider did not answer in time; retry later
            model_busy                   503 This node already has as many calls open to the model server as it allows; retry later
            email_failed                 503 Sending the email failed; retry later
            embedding_failed             503 The embedding model failed; retry later
            extraction_interrupted       503 Extracting the document was interrupted; retry later
            fetch_failed                 503 Fetching the URL failed; retry later
            fetch_interrupted            503 Fetching the URL was interrupted; retry later
            slack_error                  503 Slack answered with an error; retry later
            slack_refused                503 Slack refused the message; retry later
            slack_unreachable            503 Slack could not be reached; retry later
            """);

    private ProblemCodes() {}

    /** The codes answered with {@code status}, in the order above. */
    static List<ProblemCode> withStatus(int status) {
        return ALL.stream().filter(code -> code.status() == status).toList();
    }

    static Map<Integer, List<ProblemCode>> byStatus() {
        return ALL.stream().collect(Collectors.groupingBy(ProblemCode::status, TreeMap::new, Collectors.toList()));
    }

    private static List<ProblemCode> parse(String table) {
        return table.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(line -> {
                    String[] parts = line.split("\\s+", 3);
                    return new ProblemCode(parts[0], Integer.parseInt(parts[1]), parts[2]);
                })
                .toList();
    }
}
