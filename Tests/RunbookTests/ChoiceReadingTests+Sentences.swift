import Foundation
import Testing
@testable import Extraction

/// Sentences and titles that settle how what follows reads: "Select the version
/// to build:" offers one of the lines; "you should be able to see:" after a
/// command gives what it prints, whatever the block's language; sections
/// titled by a distribution's releases are one choice.
extension ChoiceReadingTests {
    static let selectOne = [
        ("md", "# P\n\n## Build\n\n1. Clone it\n```\n$ git clone https://example.org/app.git\n$ cd app\n```\n\n2. Select the appropriate version to build:\n```\n$ git checkout v0.8.0      # a specific release\n$ git checkout master      # next bugfix release\n$ git checkout dev         # next feature release\n```\n\n3. Build it\n```\n$ ./build.sh\n```\n"),
        ("rst", "P\n=\n\nBuild\n-----\n\n.. code-block:: console\n\n    $ git clone https://example.org/app.git\n    $ cd app\n\nSelect the appropriate version to build:\n\n.. code-block:: console\n\n    $ git checkout v0.8.0      # a specific release\n    $ git checkout master      # next bugfix release\n    $ git checkout dev         # next feature release\n\nThen build it:\n\n.. code-block:: console\n\n    $ ./build.sh\n"),
    ]

    /// "Select …:" before lines that run one program and subcommand with other arguments: one of them, named by its comment.
    @Test(arguments: selectOne)
    func linesASentenceAsksToSelectFromAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        let checkouts = runs.filter { $0.text.hasPrefix("git checkout") }
        #expect(checkouts.count == 3 && checkouts.allSatisfy(\.conditioned), "\(runs)")
        #expect(runs.filter { !$0.text.hasPrefix("git checkout") }.allSatisfy { !$0.conditioned }, "\(runs)")
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: format, passes: Set(ReadingPass.allCases)))
        let values = procedure.parameters.first { $0.name == "WAY" }?.choices ?? []
        #expect(values == ["a-specific-release", "next-bugfix-release", "next-feature-release"], "\(procedure.parameters)")
        // Lines of other programs, or a sentence that asks to select nothing, stay a sequence.
        let sequence = text.replacingOccurrences(of: "Select the appropriate version to build:", with: "Check out the release and its tools:")
        #expect(try Self.runs(sequence, format).allSatisfy { !$0.conditioned })
        let others = text.replacingOccurrences(of: "$ git checkout master      # next bugfix release", with: "$ make deps               # next bugfix release")
        #expect(try Self.runs(others, format).allSatisfy { !$0.conditioned })
    }

    static let seenAfterACommand = [
        ("md", "# P\n\n## Start\n\nRun:\n```bash\n$ docker-compose --profile redis up\n```\nAfter a few minutes you should be able to see:\n```bash\nnodebb_1  | Starting installer\nnodebb_1  | info: Web installer listening on http://0.0.0.0:4567\n```\n"),
        ("rst", "P\n=\n\nStart\n-----\n\nRun:\n\n.. code-block:: bash\n\n    $ docker-compose --profile redis up\n\nAfter a few minutes you should be able to see:\n\n.. code-block:: bash\n\n    nodebb_1  | Starting installer\n    nodebb_1  | info: Web installer listening on http://0.0.0.0:4567\n"),
    ]

    /// "… you should be able to see:" after a command: what it prints, though the block says bash.
    @Test(arguments: seenAfterACommand)
    func whatASentenceSaysTheOperatorSeesIsOutputWhateverItsLanguage(format: String, text: String) throws {
        #expect(try Self.runs(text, format).map(\.text) == ["docker-compose --profile redis up"])
        #expect(try Self.shown(text, format).count == 1)
        // Before any command it is no command's output: the language decides, as before.
        let first = text.replacingOccurrences(of: format == "md" ? "Run:\n```bash\n$ docker-compose --profile redis up\n```\n" : "Run:\n\n.. code-block:: bash\n\n    $ docker-compose --profile redis up\n\n", with: "")
        #expect(try Self.runs(first, format).count == 1)
    }

    static let releases = [
        ("md", "# Debian\n\n## Debian 12 (Bookworm)\n\n```bash\nsudo apt install zoneminder\n```\n\n## Debian 11 (Bullseye)\n\n```bash\nsudo apt install -t bullseye-backports zoneminder\n```\n\n## Debian Buster\n\n```bash\nsudo apt install -t buster-backports zoneminder\n```\n"),
        ("rst", "Debian\n======\n\nDebian 12 (Bookworm)\n--------------------\n\n::\n\n    sudo apt install zoneminder\n\nDebian 11 (Bullseye)\n--------------------\n\n::\n\n    sudo apt install -t bullseye-backports zoneminder\n\nDebian Buster\n-------------\n\n::\n\n    sudo apt install -t buster-backports zoneminder\n"),
    ]

    /// "Debian 12 (Bookworm)" / "Debian 11 (Bullseye)" / "Debian Buster": one release each, by codename.
    @Test(arguments: releases)
    func siblingSectionsForReleasesOfOneDistributionAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 3 && runs.allSatisfy(\.conditioned), "\(runs)")
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: format, passes: Set(ReadingPass.allCases)))
        #expect(procedure.parameters.first { $0.name == "RELEASE" }?.choices == ["bookworm", "bullseye", "buster"], "\(procedure.parameters)")
        // A title with more than a release in it ("Debian packages") is no release.
        let packages = text.replacingOccurrences(of: "Debian Buster", with: "Debian packages").replacingOccurrences(of: "Debian 11 (Bullseye)", with: "Debian backports")
        #expect(try Self.runs(packages, format).allSatisfy { !$0.conditioned })
    }
}
