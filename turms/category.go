package turms

// Kind says whether a category's codes are successes, errors of the
// client's request, or errors of the server.
type Kind uint8

// The kinds of category. The zero Kind is that of no category.
const (
	Success     Kind = iota + 1 // 1000 to 1099, "Successful Response"
	ClientError                 // every error category but "Server Error"
	ServerError                 // 1200 to 1299, "Server Error"
)

// String returns the kind's name, or "" for the zero Kind.
func (k Kind) String() string {
	switch k {
	case Success:
		return "Success"
	case ClientError:
		return "ClientError"
	case ServerError:
		return "ServerError"
	}
	return ""
}

// Area is the part of Turms a category concerns, as its text opens:
// "Group - Member Related Error" is in AreaGroup. The three general
// categories (success, client request, server error) have none.
type Area string

// Topic is what within its area a category concerns: "Group - Member
// Related Error" has TopicMember, "Admin - Cluster - Leader Related Error"
// TopicClusterLeader. "Storage Related Error" has none.
type Topic string

// Category is the category Turms' documentation files a server code
// under, split into its parts. It is comparable; the zero Category is no category.
type Category struct {
	Area  Area
	Topic Topic
	Kind  Kind
}

// categoryText is a category with the documentation's text for it.
type categoryText struct {
	Category
	text string
}

// String returns the documentation's text for the category ("Group -
// Member Related Error"), or "" for the zero Category. A Category the
// documentation does not list prints as its parts.
func (c Category) String() string {
	for i := range categories {
		if categories[i].Category == c {
			return categories[i].text
		}
	}
	if c == (Category{}) {
		return ""
	}
	s := string(c.Area)
	if c.Topic != "" {
		s += " - " + string(c.Topic)
	}
	return s + " (" + c.Kind.String() + ")"
}

// Category returns the category the documentation files c under. A
// category opens at its first code (Group - Member at 3400), and an
// unknown code is filed by its hundred: under the category whose first code
// opens its hundred, so 3499 is Group - Member and 1399 Admin - Common.
// An unknown code in a hundred no category opens (1500, 1900, 7000) has
// the zero Category. Categories that open inside a hundred (Admin - JFR at
// 1310, Admin - Plugin at 1320, the second Storage - Message Attachment
// run at 6130) take no unknown codes.
func (c Code) Category() Category {
	class, ok := registry.Class(c)
	if !ok {
		return Category{}
	}
	return categoryOf(class)
}
