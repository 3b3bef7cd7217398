extension String {
    /// Runs of spaces as one: a Markdown table row without the padding that aligns it.
    var squeezingSpaces: String {
        var out = ""
        for character in self where !(character == " " && out.last == " ") { out.append(character) }
        return out
    }
}
