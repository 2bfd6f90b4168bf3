/// The generator's version, recorded in every manifest and generated header.
public enum RunbookVersion {
    public static let current = "0.1.0"
}
