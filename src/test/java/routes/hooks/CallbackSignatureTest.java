package routes.hooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import routes.platform.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackSignatureTest {

    private static final byte[] BODY = "{\"scope\":\"store/order/created\"}".getBytes(StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private final CallbackSignature signature = new CallbackSignature("client-secret-of-the-app", clock);
    private final long now = clock.instant().getEpochSecond();

    @Test
    void aCallbackSignedWithTheClientSecretVerifies() {
        assertThat(signature.problem("msg_1", String.valueOf(now), signature.sign("msg_1", now, BODY), BODY)).isEmpty();
    }

    @Test
    void oneValidSignatureAmongSeveralIsEnough() {
        String header = "v1,AAAA " + signature.sign("msg_1", now, BODY) + " v2,whatever";
        assertThat(signature.problem("msg_1", String.valueOf(now), header, BODY)).isEmpty();
    }

    @Test
    void theSignatureIsTheStandardWebhooksHmacOfIdTimestampAndBody() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("client-secret-of-the-app".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(("msg_1." + now + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        assertThat(signature.sign("msg_1", now, BODY)).isEqualTo("v1," + java.util.Base64.getEncoder().encodeToString(expected));
    }

    @Test
    void aTimestampOutsideFiveMinutesIsRefusedEvenWhenSigned() {
        long stale = now - Duration.ofMinutes(5).toSeconds() - 1;
        assertThat(signature.problem("msg_1", String.valueOf(stale), signature.sign("msg_1", stale, BODY), BODY))
                .hasValueSatisfying(p -> assertThat(p).contains("webhook-timestamp", "301 s", "300 s window"));
        long future = now + 400;
        assertThat(signature.problem("msg_1", String.valueOf(future), signature.sign("msg_1", future, BODY), BODY)).isPresent();
        long edge = now - 300;
        assertThat(signature.problem("msg_1", String.valueOf(edge), signature.sign("msg_1", edge, BODY), BODY)).isEmpty();
    }

    @Test
    void anotherSecretAnotherBodyOrAnotherIdDoesNotVerify() {
        String signed = signature.sign("msg_1", now, BODY);
        assertThat(new CallbackSignature("another-secret", clock).problem("msg_1", String.valueOf(now), signed, BODY)).isPresent();
        assertThat(signature.problem("msg_1", String.valueOf(now), signed, "{}".getBytes(StandardCharsets.UTF_8))).isPresent();
        assertThat(signature.problem("msg_2", String.valueOf(now), signed, BODY))
                .hasValueSatisfying(p -> assertThat(p).contains("webhook-signature", "synchub.storefront.client-secret"));
    }

    @Test
    void missingOrGarbageHeadersGiveAReasonNeverAnException() {
        assertThat(signature.problem(null, String.valueOf(now), "v1,x", BODY)).isPresent();
        assertThat(signature.problem("msg_1", "yesterday", "v1,x", BODY)).isPresent();
        assertThat(signature.problem("msg_1", String.valueOf(now), "v1,!!!not base64", BODY)).isPresent();
        assertThat(signature.problem("msg_1", String.valueOf(now), "", BODY)).isPresent();
        assertThat(signature.problem("msg_1", String.valueOf(now), "v1," + "A".repeat(2000), BODY)).isPresent();
    }
}
