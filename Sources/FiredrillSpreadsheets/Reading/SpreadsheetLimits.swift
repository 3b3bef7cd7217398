/// Bounds on what a spreadsheet file may make firedrill do, so that a hostile or broken
/// file is refused quickly and in bounded memory. The scenario format's own limits
/// (``FiredrillCore/ValidationLimits``) then apply to the scenario the sheets make.
public struct SpreadsheetLimits: Sendable, Hashable {
    /// Largest file, as uploaded or read from disk.
    public var maximumFileBytes = 32 * 1_048_576
    /// Most bytes a workbook's parts may inflate to, all together (declared and counted).
    public var maximumUncompressedBytes = 64 * 1_048_576
    /// Most entries (files) in a workbook's ZIP archive.
    public var maximumEntries = 1_000
    /// Most cells read from the sheets of one file, merged cells filled in included.
    public var maximumCells = 1_000_000

    public init() {}

    public static let `default` = SpreadsheetLimits()
}
