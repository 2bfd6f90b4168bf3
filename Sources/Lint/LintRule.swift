import RunbookCore

/// The lint rules are the RB1xx codes of the catalog (RunbookCore/DiagnosticCode.swift).
public typealias LintRule = DiagnosticCode
