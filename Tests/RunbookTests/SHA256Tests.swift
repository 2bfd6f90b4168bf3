import Foundation
import Testing
import RunbookCore

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, expected: String) {
        #expect(SHA256.hex(of: input) == expected)
    }

    /// Lengths around the 55/56/64-byte padding boundaries, against sha256sum.
    @Test func agreesWithSha256sum() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for length in [1, 55, 56, 57, 63, 64, 65, 119, 120, 1000] {
            let text = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) }) + "é"
            try TestSupport.write(text, to: dir + "/f")
            let result = try TestSupport.run("sha256sum", [dir + "/f"])
            #expect(result.stdout.prefix(64) == Substring(SHA256.hex(of: text)), "length \(length)")
        }
    }
}
