package routes.orders;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxDeliveryTest {

    @Test
    void aDeliveryTargetIsShownWithoutItsOptionsOrPassword() {
        assertThat(OutboxDelivery.describe("sftp://partner@host:22/incoming?privateKeyFile=/etc/synchub/id_ed25519&knownHostsFile=/k"))
                .isEqualTo("sftp://partner@host:22/incoming");
        assertThat(OutboxDelivery.describe("sftp://partner:s3cret@host/in?password=s3cret")).isEqualTo("sftp://partner@host/in");
        assertThat(OutboxDelivery.describe("file:/srv/partner?fileExist=Fail")).isEqualTo("file:/srv/partner");
    }
}
