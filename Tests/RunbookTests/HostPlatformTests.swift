import Foundation
import Testing

/// The host decides the platform: a page's Debian / Red Hat alternatives run
/// on the host's own, read from /etc/os-release when the operator does not
/// choose; another operating system's steps never reach the run. The first
/// case reads this machine's real /etc/os-release (Debian); the others point
/// the script at an os-release file of another distribution (RB_OS_RELEASE),
/// since this machine cannot boot them.
@Suite struct HostPlatformTests {
    static let doc = """
    # Install the app

    ## Installing on Debian

    ```bash
    echo installed-with-apt >> "$OUT/ran"
    ```

    ## Installing on Red Hat

    ```bash
    echo installed-with-dnf >> "$OUT/ran"
    ```

    ## Installing on Windows

    ```bash
    echo installed-with-choco >> "$OUT/ran"
    ```
    """

    func run(_ arguments: [String], osRelease: String? = nil) throws -> (TestSupport.Result, String) {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc)
        var environment = env
        if let osRelease {
            try TestSupport.write(osRelease, to: project + "/os-release")
            environment["RB_OS_RELEASE"] = project + "/os-release"
        }
        let result = try TestSupport.run("bash", [script, "--yes"] + arguments, environment: environment)
        return (result, TestSupport.read(project + "/ran") ?? "")
    }

    @Test func thisDebianHostRunsTheDebianSteps() throws {
        let osRelease = try #require(TestSupport.read("/etc/os-release"))
        try #require(osRelease.contains("ID=debian") || osRelease.contains("ID_LIKE=debian"), "this test expects a Debian-family machine")
        let (result, ran) = try run([])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(ran == "installed-with-apt\n")
        #expect(result.stderr.contains("PLATFORM=debian: this host's (/etc/os-release)"), "\(result.stderr)")
    }

    @Test func aRockyHostRunsTheRedHatSteps() throws {
        let (result, ran) = try run([], osRelease: "NAME=\"Rocky Linux\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(ran == "installed-with-dnf\n")
    }

    @Test func theOperatorsChoiceWins() throws {
        let (result, ran) = try run(["--set", "PLATFORM=redhat"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(ran == "installed-with-dnf\n")
    }

    @Test func aHostNoAlternativeNamesIsAskedToChoose() throws {
        let (result, ran) = try run([], osRelease: "ID=slackware\n")
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("missing parameter PLATFORM"), "\(result.stderr)")
        #expect(ran.isEmpty)
    }

    @Test func theDryRunAndPlanSayTheHostDecides() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc)
        let dry = try TestSupport.run("bash", [script, "--dry-run"], environment: env)
        #expect(dry.stdout.contains("PLATFORM=debian: this host's (/etc/os-release)"), "\(dry.stdout)")
        let plan = try TestSupport.runbook(["plan", "docs-src/proc.md"], in: project)
        #expect(plan.stdout.contains("parameter PLATFORM (default: the host's platform, from /etc/os-release)"), "\(plan.stdout)")
        let help = try TestSupport.run("bash", [script, "--help"], environment: env)
        #expect(help.stdout.contains("(default: this host's, from /etc/os-release)"), "\(help.stdout)")
    }
}
