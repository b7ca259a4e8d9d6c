import Mustache

// Direct name lookup for the view types templates read most: the ones repeated in lists
// (menus, related pages, "Mentioned in" lists of hundreds of links) and the ones every page's
// head and chrome read (`page`, `site`, `web`). Without it swift-mustache builds a Mirror for
// every `{{name}}` it looks up, which made each glossary page cost milliseconds. Every stored
// property must be listed: MustacheLookupTests checks each type's `child(named:)` against its
// stored properties, so a field added later cannot silently render empty.

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

extension GlossaryContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "page": page
        case "root": root
        case "menu": menu
        case "breadcrumbs": breadcrumbs
        case "hasBreadcrumbs": hasBreadcrumbs
        case "head": head
        case "isPreview": isPreview
        case "web": web
        case "hasEditorialPage": hasEditorialPage
        case "letters": letters
        case "groups": groups
        case "term": term
        default: nil
        }
    }
}

extension GlossaryLetterView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "letter": letter
        case "id": id
        case "hasTerms": hasTerms
        default: nil
        }
    }
}

extension GlossaryGroupView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "letter": letter
        case "id": id
        case "terms": terms
        default: nil
        }
    }
}

extension PageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "content": content
        case "url": url
        case "isHome": isHome
        case "isSection": isSection
        case "isArticle": isArticle
        case "isDraft": isDraft
        case "reviewed": reviewed
        case "reviewedBy": reviewedBy
        case "sources": sources
        case "hasSources": hasSources
        case "tags": tags
        case "wordCount": wordCount
        case "readingMinutes": readingMinutes
        default: nil
        }
    }
}

extension SiteView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "language": language
        case "publisher": publisher
        default: nil
        }
    }
}

extension WebMetadataView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "canonical": canonical
        case "ogType": ogType
        case "ogLocale": ogLocale
        case "siteName": siteName
        case "title": title
        case "description": description
        case "modifiedTime": modifiedTime
        case "tags": tags
        case "feed": feed
        case "noindex": noindex
        case "structuredData": structuredData
        default: nil
        }
    }
}
