import GRDB

extension AppDatabase {
    /// The runs whose score covers only part of their drill: ended early, with objectives
    /// left unexercised (their stored coverage is not complete). For marking them in charts.
    public func incompleteRunIDs() throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT id FROM run WHERE complete = 0"))
        }
    }
}
