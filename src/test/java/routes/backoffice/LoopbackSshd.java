package routes.backoffice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import routes.app.RunningSyncHub;

import static org.awaitility.Awaitility.await;

/**
 * A real OpenSSH sshd on 127.0.0.1 and a free port, as a child process, for SFTP tests: its own host key, one
 * client key pair (ssh-keygen, ed25519) authorised for root, SFTP through internal-sftp. SyncHub checks the host key
 * against a known_hosts file holding this sshd's key (strict checking, never "accept anything").
 * Outside CI a missing sshd skips the caller with a message; in CI ({@code CI=true}) it fails.
 */
final class LoopbackSshd implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private final Path dir;
    private final int port;
    private Process process;

    private LoopbackSshd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Skips (or in CI fails) the calling test class when OpenSSH's server or ssh-keygen is not installed. */
    static void requireInstalled() {
        if (Files.isExecutable(SSHD) && Files.isExecutable(KEYGEN)) {
            return;
        }
        String why = "OpenSSH (" + SSHD + ", " + KEYGEN + ") is not installed";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + ": .ci/run installs openssh-server");
        }
        Assumptions.abort(why + ": the SFTP tests are skipped (apt-get install openssh-server)");
    }

    static LoopbackSshd start() throws Exception {
        requireInstalled();
        Path dir = Files.createTempDirectory("synchub-sshd-");
        LoopbackSshd sshd = new LoopbackSshd(dir, RunningSyncHub.freePort());
        keygen(dir.resolve("host_key"));
        keygen(dir.resolve("client_key"));
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        Files.createDirectories(dir.resolve("partner"));
        // what SyncHub is told to trust: this sshd's host key, under the [host]:port name OpenSSH uses for a non-22 port
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + sshd.port + " "
                + Files.readString(dir.resolve("host_key.pub"), StandardCharsets.UTF_8).trim() + "\n");
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + sshd.port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "PidFile " + dir.resolve("sshd.pid"),
                // SFTP paths are relative to the login directory (camel-ftp turns absolute ones into relative ones):
                // start every session in the partner's root, as a partner's SFTP account would
                "Subsystem sftp internal-sftp -d " + dir.resolve("partner"),
                ""));
        // sshd refuses to start without its privilege separation directory (a fresh machine may lack it)
        Files.createDirectories(Path.of("/run/sshd"));
        sshd.startProcess();
        return sshd;
    }

    private static void keygen(Path key) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "synchub-test", "-f", key.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen " + key + " failed: " + out);
        }
    }

    private void startProcess() throws IOException {
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
                .start();
        await("sshd listening on 127.0.0.1:" + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("sshd exited with " + process.exitValue() + ": " + log());
                    }
                    return accepts();
                });
    }

    /** Stops sshd and every session it forked (a session survives its listener otherwise). */
    void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        await("sshd stopped").atMost(Duration.ofSeconds(20)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive) && !accepts());
        process = null;
    }

    /** Starts sshd again on the same port with the same keys. */
    void restart() throws IOException {
        stop();
        startProcess();
    }

    /** The partner's directory: where an SFTP session starts, and what {@link #uri(String)} paths are relative to. */
    Path partnerRoot() {
        return dir.resolve("partner");
    }

    /** An sftp: URI for a directory under {@link #partnerRoot()}, as root with the client key and strict host key checking. */
    String uri(String remoteDir) {
        return uri(remoteDir, dir.resolve("known_hosts"));
    }

    /** As {@link #uri(String)}, trusting the host keys in {@code knownHosts}. */
    String uri(String remoteDir, Path knownHosts) {
        return "sftp://root@127.0.0.1:" + port + "/" + remoteDir
                + "?privateKeyFile=" + privateKey()
                + "&knownHostsFile=" + knownHosts
                + "&strictHostKeyChecking=yes&useUserKnownHostsFile=false";
    }

    /** A known_hosts file naming this sshd's address with another server's key (what a spoofed partner looks like). */
    Path knownHostsOfAnotherServer() throws IOException, InterruptedException {
        Path other = dir.resolve("other_host_key");
        if (!Files.exists(other)) {
            keygen(other);
        }
        return Files.writeString(dir.resolve("other_known_hosts"), "[127.0.0.1]:" + port + " "
                + Files.readString(dir.resolve("other_host_key.pub"), StandardCharsets.UTF_8).trim() + "\n");
    }

    Path privateKey() {
        return dir.resolve("client_key");
    }

    String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no sshd log: " + e.getMessage() + ")";
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
