/// Arrays and objects, parsed with an explicit stack of open containers instead of recursion.
extension Parser {
    /// Parses one value of any depth, leaving the read position just after it.
    mutating func parseNestedValue() throws(JSONParseError) -> JSONValue {
        while true {
            if let value = try valueOrOpenContainer(), let outermost = try complete(value) {
                return outermost
            }
        }
    }

    /// Starts an array at the read position; returns it at once if it is empty.
    mutating func openArray() throws(JSONParseError) -> JSONValue? {
        try checkDepth()
        offset += 1

        skipWhitespace()
        if try currentByte() == ASCII.closeBracket {
            offset += 1
            return .array([])
        }

        openKinds.append(.array)
        openArrays.append([])
        return nil
    }

    /// Starts an object at the read position; returns it at once if it is empty.
    mutating func openObject() throws(JSONParseError) -> JSONValue? {
        try checkDepth()
        offset += 1

        skipWhitespace()
        if try currentByte() == ASCII.closeBrace {
            offset += 1
            return .object(JSONObject([]))
        }

        let members = JSONObject([])
        let key = try parseKey(notIn: members)
        openKinds.append(.object)
        openObjects.append(OpenObject(members: members, key: key))
        return nil
    }

    /// Puts a finished value into the innermost open container, then closes every container whose
    /// closing bracket follows.
    ///
    /// - Returns: The outermost value once no container is left open, or `nil` when a comma says
    ///   that another value comes next.
    private mutating func complete(_ value: JSONValue) throws(JSONParseError) -> JSONValue? {
        var value = value
        while let kind = openKinds.last {
            let closed =
                switch kind {
                case .array: try appendElement(value)
                case .object: try appendMember(value)
                }

            guard let closed else {
                return nil
            }
            value = closed
        }
        return value
    }

    /// - Returns: The array if its closing bracket follows, or `nil` if a comma does.
    private mutating func appendElement(_ value: JSONValue) throws(JSONParseError) -> JSONValue? {
        openArrays[openArrays.count - 1].append(value)

        skipWhitespace()
        switch try currentByte() {
        case ASCII.comma:
            offset += 1
            return nil
        case ASCII.closeBracket:
            offset += 1
            openKinds.removeLast()
            return .array(openArrays.removeLast())
        default:
            throw .expected("',' or ']'", at: offset)
        }
    }

    /// - Returns: The object if its closing brace follows, or `nil` if a comma and the next key do.
    private mutating func appendMember(_ value: JSONValue) throws(JSONParseError) -> JSONValue? {
        let innermost = openObjects.count - 1
        let key = openObjects[innermost].key
        openObjects[innermost].members.appendNew(key, value)

        skipWhitespace()
        switch try currentByte() {
        case ASCII.comma:
            offset += 1
            openObjects[innermost].key = try parseKey(notIn: openObjects[innermost].members)
            return nil
        case ASCII.closeBrace:
            offset += 1
            openKinds.removeLast()
            return .object(openObjects.removeLast().members)
        default:
            throw .expected("',' or '}'", at: offset)
        }
    }

    /// Parses a member's key and the colon after it, rejecting a key the object already has.
    private mutating func parseKey(notIn members: JSONObject) throws(JSONParseError) -> String {
        skipWhitespace()
        let start = offset
        guard try currentByte() == ASCII.quote else {
            throw .expected("a string key", at: offset)
        }

        let key = try parseString()
        guard members[key] == nil else {
            throw .duplicateKey(key, at: start)
        }

        skipWhitespace()
        try consume(ASCII.colon, "':'")
        return key
    }

    /// Refuses to open another container once `maxDepth` are open.
    private func checkDepth() throws(JSONParseError) {
        guard openKinds.count < maxDepth else {
            throw .tooDeep(maxDepth, at: offset)
        }
    }
}
