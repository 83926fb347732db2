package routes.orders.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

    static final byte[] BODY = "{\"scope\":\"store/order/created\",\"data\":{\"type\":\"order\",\"id\":250}}"
            .getBytes(StandardCharsets.UTF_8);
    final WebhookSignature signature = new WebhookSignature("s3cr3t");

    @Test
    void signIsLowercaseHexOfHmacSha256() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(new WebhookSignature("Jefe").sign("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(signature.sign(BODY)).matches("[0-9a-f]{64}");
    }

    @Test
    void goodSignatureInEveryAcceptedSpelling() {
        String hex = signature.sign(BODY);
        byte[] raw = HexFormat.of().parseHex(hex);
        assertThat(signature.verify(BODY, hex)).isTrue();
        assertThat(signature.verify(BODY, hex.toUpperCase())).isTrue();
        assertThat(signature.verify(BODY, "sha256=" + hex)).isTrue();
        assertThat(signature.verify(BODY, "SHA256=" + hex.toUpperCase())).isTrue();
        assertThat(signature.verify(BODY, "  sha256=" + hex + " \r\n")).isTrue();
        assertThat(signature.verify(BODY, Base64.getEncoder().encodeToString(raw))).isTrue();
        assertThat(signature.verify(BODY, "sha256=" + Base64.getEncoder().encodeToString(raw))).isTrue();
        assertThat(signature.verify(BODY, Base64.getEncoder().withoutPadding().encodeToString(raw))).isTrue();
        assertThat(signature.verify(BODY, Base64.getUrlEncoder().encodeToString(raw))).isTrue();
    }

    @Test
    void tamperedBodyFails() {
        String hex = signature.sign(BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] ^= 1;
        assertThat(signature.verify(tampered, hex)).isFalse();
        assertThat(signature.verify(new byte[0], hex)).isFalse();
        byte[] longer = new byte[BODY.length + 1];
        System.arraycopy(BODY, 0, longer, 0, BODY.length);
        longer[BODY.length] = ' ';
        assertThat(signature.verify(longer, hex)).isFalse();
    }

    @Test
    void wrongSecretOrTamperedSignatureFails() {
        String hex = signature.sign(BODY);
        assertThat(new WebhookSignature("other").verify(BODY, hex)).isFalse();
        char[] chars = hex.toCharArray();
        chars[10] = chars[10] == '0' ? '1' : '0';
        assertThat(signature.verify(BODY, new String(chars))).isFalse();
        assertThat(signature.verify(BODY, hex.substring(0, 63))).isFalse();
        assertThat(signature.verify(BODY, hex + "0")).isFalse();
        assertThat(signature.verify(BODY, hex.substring(0, 32))).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "sha256=", "sha256", "garbage", "zz", "sha1=abc", "====", "sha256=sha256=x", "\u0000",
        "é", "%%%%", "0123456789abcdefg123456789abcdef0123456789abcdef0123456789abcdef"})
    void garbageHeadersAreFalseNeverAnException(String header) {
        assertThat(signature.verify(BODY, header)).isFalse();
    }

    @Test
    void hugeHeaderIsFalse() {
        assertThat(signature.verify(BODY, "a".repeat(1_000_000))).isFalse();
    }

    @Test
    void nullBodyIsFalse() {
        assertThat(signature.verify(null, signature.sign(new byte[0]))).isFalse();
    }

    @Test
    void emptyBodyCanBeSignedAndVerified() {
        assertThat(signature.verify(new byte[0], signature.sign(new byte[0]))).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n"})
    void blankSecretIsRefusedNamingTheSetting(String secret) {
        assertThatThrownBy(() -> new WebhookSignature(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("synchub.storefront.webhook-secret is empty");
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(signature.toString()).doesNotContain("s3cr3t");
    }
}
