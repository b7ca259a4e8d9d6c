import Mustache

// Direct name lookup for the small view types that templates repeat in lists (menus, related
// pages, "Mentioned in" lists of hundreds of links). Without it swift-mustache builds a Mirror
// for every `{{name}}` it looks up, which made list-heavy pages (glossary term pages) cost
// milliseconds each. Every stored property must be listed: MustacheLookupTests checks each
// type's `child(named:)` against its stored properties.

extension LinkView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "description": description
        case "isCurrent": isCurrent
        default: nil
        }
    }
}

extension TermView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "slug": slug
        case "term": term
        case "url": url
        case "indexURL": indexURL
        case "abbreviation": abbreviation
        case "aliases": aliases
        case "definition": definition
        case "shortDefinition": shortDefinition
        case "mentions": mentions
        case "hasMentions": hasMentions
        case "moreMentions": moreMentions
        case "hasMoreMentions": hasMoreMentions
        default: nil
        }
    }
}
