//! Small, general word lists behind the name and title rules. Nothing here
//! names a particular film, review or person: these are the function words,
//! common given names and trade words of English prose.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Capitalised words that never start or end a person's name: function
/// words, pronouns, months, days and sentence openers.
pub(crate) const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "for", "of", "in", "on", "at", "to",
    "by", "with", "from", "into", "onto", "as", "if", "when", "while", "where", "why", "how",
    "what", "who", "whom", "whose", "which", "that", "this", "these", "those", "there", "here",
    "he", "she", "it", "they", "we", "i", "you", "me", "him", "her", "them", "us", "his", "its",
    "their", "our", "your", "my", "mine", "not", "no", "yes", "all", "any", "some", "each",
    "every", "both", "either", "neither", "one", "two", "three", "four", "five", "first",
    "second", "third", "last", "next", "then", "than", "now", "after", "before", "during",
    "since", "until", "although", "though", "because", "unlike", "like", "also", "even", "just",
    "only", "still", "well", "oh", "ah", "ok", "okay", "hey", "wow", "is", "are", "was", "were",
    "be", "been", "do", "does", "did", "has", "have", "had", "would", "can", "could",
    "should", "might", "must", "shall", "about", "above", "across", "against", "along",
    "among", "around", "behind", "below", "beneath", "beside", "besides", "between", "beyond",
    "despite", "down", "inside", "near", "off", "out", "outside", "over", "past", "per",
    "through", "throughout", "toward", "towards", "under", "up", "upon", "via", "within",
    "without", "january", "february", "march", "april", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady",
    "mister", "most", "more", "much", "many", "few", "less", "least", "very", "too", "perhaps",
    "maybe", "however", "meanwhile", "otherwise", "instead", "indeed", "still", "sure", "yeah",
    "nothing", "everything", "something", "anything", "everyone", "someone", "anyone",
    "nobody", "somebody", "everybody", "other", "another", "such", "same", "own", "whatever",
    "whenever", "wherever", "whoever", "let", "lets", "rated", "rating", "starring", "director",
    "directed", "written", "producer", "produced", "screenplay", "cast", "review", "reviewed",
    "copyright", "note", "grade", "running", "time", "mpaa", "film", "movie", "films", "movies",
    "actor", "actress", "star", "stars", "oscar", "oscars", "academy", "award", "awards",
    "hollywood", "god", "christmas", "easter", "halloween", "thanksgiving", "internet", "web",
    "tv", "dvd", "video", "usa", "english", "american", "british", "french", "german",
    "italian", "spanish", "chinese", "japanese", "russian", "indian", "irish", "scottish",
    "canadian", "australian", "mexican", "african", "asian", "european", "jewish", "catholic",
    "muslim", "black", "white", "part", "act", "scene", "chapter", "book", "plot",
    "story", "ending", "overall", "finally", "unfortunately", "fortunately", "clearly",
    "certainly", "surprisingly", "sadly", "luckily", "interestingly", "basically", "actually",
    "really", "please", "thanks", "welcome", "hello", "goodbye", "dear", "spoilers", "spoiler",
    "warning", "capsule", "synopsis", "verdict", "plus", "minus", "page",
];

static STOP_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP.iter().copied().collect());
static FIRST_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| FIRST_NAMES.iter().copied().collect());

/// Looks `w` up in `set` in lower case, without allocating for short ASCII words.
fn lookup(set: &HashSet<&'static str>, w: &str) -> bool {
    let mut buf = [0u8; 24];
    if w.len() <= buf.len() && w.is_ascii() {
        for (b, c) in buf.iter_mut().zip(w.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        // Invariant: lower-casing ASCII bytes keeps them valid UTF-8.
        std::str::from_utf8(&buf[..w.len()]).is_ok_and(|s| set.contains(s))
    } else {
        set.contains(w.to_lowercase().as_str())
    }
}

/// Whether `w` (any case) is a stop word.
pub(crate) fn is_stop(w: &str) -> bool {
    lookup(&STOP_SET, w.trim_end_matches('.'))
}

/// Common given names, lower case. A capitalised pair whose first word is one
/// of these is taken for a person even without other evidence.
pub(crate) const FIRST_NAMES: &[&str] = &[
    // Women.
    "abigail", "ada", "adele", "adrienne", "agnes", "aileen", "alice", "alicia", "alison",
    "allison", "alyssa", "amanda", "amber", "amelia", "amy", "ana", "andrea", "angela",
    "angelina", "anika", "anita", "ann", "anna", "anne", "annette", "annie", "april", "ashley",
    "audrey", "barbara", "beatrice", "becky", "bette", "betty", "beverly", "blythe", "bonnie",
    "brenda", "bridget", "brigitte", "brittany", "brooke", "calista", "cameron", "candice",
    "cara", "carla", "carmen", "carol", "caroline", "carolyn", "carrie", "cate", "catherine",
    "cathy", "charlize", "charlotte", "cher", "cheryl", "chloe", "christina", "christine",
    "cindy", "claire", "claudia", "colleen", "courteney", "courtney", "cynthia", "daisy",
    "dana", "daphne", "darlene", "dawn", "debbie", "deborah", "debra", "denise", "diana",
    "diane", "dianne", "dolly", "donna", "doris", "dorothy", "drew", "edith", "eileen",
    "elaine", "eleanor", "elisabeth", "elizabeth", "ella", "ellen", "elsa", "emily", "emma",
    "erica", "erin", "esther", "eva", "eve", "faye", "fiona", "frances", "gail", "gayle",
    "geena", "geraldine", "gillian", "gina", "ginger", "glenn", "gloria", "grace", "greta",
    "gwen", "gwyneth", "hannah", "harriet", "hayley", "heather", "helen", "helena", "holly",
    "ingrid", "irene", "isabel", "isabella", "isabelle", "jackie", "jacqueline", "jada",
    "jane", "janet", "janeane", "janice", "jean", "jeanne", "jennifer", "jenny", "jessica",
    "jill", "joan", "joanna", "joanne", "jodie", "jody", "josephine", "joy", "joyce", "judi",
    "judith", "judy", "julia", "julianne", "julie", "juliette", "june", "karen", "kate",
    "katharine", "katherine", "kathleen", "kathryn", "kathy", "katie", "kay", "keira",
    "kelly", "kim", "kimberly", "kirsten", "kristin", "laura", "lauren", "laurie", "leigh",
    "lena", "lily", "linda", "lisa", "liv", "liz", "liza", "lois", "lori", "lorraine",
    "louise", "lucy", "lynn", "madeleine", "madeline", "madonna", "mae", "maggie", "mandy",
    "marcia", "margaret", "maria", "marie", "marilyn", "marisa", "marlene", "martha", "mary",
    "maureen", "meg", "megan", "melanie", "melissa", "meredith", "meryl", "mia", "michelle",
    "mildred", "milla", "minnie", "miranda", "molly", "monica", "nancy", "naomi", "natalie",
    "natasha", "nicole", "nina", "nora", "olivia", "pam", "pamela", "patricia", "patty",
    "paula", "pauline", "peggy", "penelope", "penny", "phyllis", "piper", "rachel", "rebecca",
    "reese", "renee", "rita", "roberta", "robin", "rosa", "rosanna", "rose", "rosemary",
    "rosie", "ruth", "sally", "salma", "samantha", "sandra", "sara", "sarah", "scarlett",
    "sharon", "shelley", "shirley", "sigourney", "sissy", "sonia", "sophia", "sophie",
    "stephanie", "susan", "susanne", "suzanne", "sylvia", "tara", "teri", "terry", "thandie",
    "theresa", "tilda", "tina", "toni", "tracy", "uma", "ursula", "valerie", "vanessa",
    "vera", "veronica", "victoria", "viola", "virginia", "vivian", "wendy", "whoopi",
    "winona", "yvonne", "zoe",
    // Men.
    "aaron", "adam", "adrian", "al", "alan", "albert", "alec", "alex", "alexander", "alfred",
    "allen", "andre", "andrew", "andy", "angus", "anthony", "antonio", "arnold", "arthur",
    "barry", "ben", "benjamin", "bernard", "bill", "billy", "bob", "bobby", "brad", "bradley",
    "brandon", "brendan", "brian", "bruce", "bruno", "bryan", "burt", "carl", "carlos",
    "cary", "casey", "cecil", "chad", "charles", "charlie", "chevy", "chris", "christian",
    "christopher", "chuck", "clark", "claude", "clint", "clive", "colin", "craig", "dan",
    "daniel", "danny", "darren", "dave", "david", "dean", "dennis", "denzel", "derek",
    "dick", "dominic", "don", "donald", "doug", "douglas", "dudley", "dustin", "dwight",
    "ed", "eddie", "edgar", "edward", "elliott", "elvis", "emilio", "eric", "erik", "ernest",
    "ethan", "eugene", "ewan", "frank", "francis", "franco", "fred", "freddie", "frederick",
    "gabriel", "gary", "gene", "geoffrey", "george", "gerard", "gilbert", "gordon", "graham",
    "grant", "greg", "gregory", "gus", "guy", "hal", "hank", "harold", "harrison", "harry",
    "harvey", "hector", "henry", "herbert", "howard", "hugh", "hugo", "ian", "isaac", "ivan",
    "jack", "jackson", "jacques", "jake", "james", "jamie", "jason", "jay", "jeff",
    "jeffrey", "jeremy", "jerry", "jesse", "jim", "jimmy", "joe", "joel", "joey", "john",
    "johnny", "jon", "jonathan", "jose", "joseph", "josh", "joshua", "juan", "jude", "julian",
    "justin", "keanu", "keith", "ken", "kenneth", "kevin", "kirk", "kurt", "kyle", "lance",
    "larry", "laurence", "lawrence", "lee", "leo", "leonard", "leonardo", "lewis", "liam",
    "lloyd", "lou", "louis", "luc", "luke", "marc", "marcus", "mark", "marlon", "martin",
    "marty", "matt", "matthew", "max", "mel", "michael", "mickey", "miguel", "mike", "mitch",
    "morgan", "nathan", "neil", "nick", "nicholas", "nicolas", "nigel", "noah", "norman",
    "oliver", "orson", "oscar", "owen", "pat", "patrick", "paul", "pedro", "pete", "peter",
    "phil", "philip", "phillip", "pierce", "quentin", "ralph", "randy", "ray", "raymond",
    "richard", "rick", "ricky", "rob", "robert", "robin", "rod", "roger", "roland", "ron",
    "ronald", "ross", "roy", "rupert", "russell", "ryan", "sam", "samuel", "scott", "sean",
    "sergio", "seth", "simon", "stan", "stanley", "stephen", "steve", "steven", "stuart",
    "sydney", "ted", "terence", "terrence", "thomas", "tim", "timothy", "toby", "todd", "tom",
    "tommy", "tony", "travis", "trevor", "troy", "val", "victor", "vincent", "wallace",
    "walter", "warren", "wayne", "wes", "wesley", "will", "william", "willie", "woody",
    "zach", "zachary",
];

/// Whether `w` is a common given name.
pub(crate) fn is_first_name(w: &str) -> bool {
    lookup(&FIRST_SET, w)
}

/// Last words of places, companies and institutions: a capitalised run ending
/// in one of these is not a person.
pub(crate) const PLACE_WORDS: &[&str] = &[
    "center", "centre", "theater", "theatre", "theaters", "theatres", "cinema", "cinemas",
    "hall", "museum", "institute", "university", "college", "school", "library", "street",
    "avenue", "road", "boulevard", "square", "park", "island", "islands", "river", "lake",
    "mountain", "mountains", "valley", "county", "city", "state", "states", "country",
    "company", "corporation", "inc", "films", "pictures", "studios", "studio", "entertainment",
    "productions", "records", "festival", "society", "club", "house", "times", "post", "news",
    "magazine", "journal", "press", "tribune", "herald", "gazette", "network", "channel",
    "church", "hotel", "airport", "station", "bridge", "building", "tower", "mall", "playhouse",
    "auditorium", "arts", "bar", "cafe", "restaurant", "market", "bay", "beach", "coast",
    "kingdom", "empire", "republic", "war", "wars", "army", "navy", "force", "service",
    "department", "agency", "bureau", "office", "court", "prison", "hospital", "show",
];

/// Words that name a job on the crew rather than in front of the camera.
pub(crate) const CREW_WORDS: &[&str] = &[
    "editor", "editing", "cinematographer", "cinematography", "photography", "photographer",
    "composer", "music", "score", "designer", "design", "costumes", "costume", "makeup",
    "effects", "director", "directors", "writer", "writers", "screenwriter", "screenplay",
    "producer", "producers", "novelist", "author", "critic", "critics", "reviewer",
    "distributor", "cameraman", "choreographer", "choreography", "lyricist", "songwriter",
    "stuntman", "by",
];

/// ALL-CAPS words that are emphasis or layout, never a film title on their
/// own, and common acronyms.
pub(crate) const CAPS_STOP: &[&str] = &[
    "THE", "A", "AN", "AND", "OR", "OF", "IN", "ON", "TO", "IS", "IT", "NOT", "NO", "YES",
    "VERY", "REALLY", "NEVER", "ALWAYS", "KNOW", "THIS", "THAT", "WHAT", "MUST", "ONLY",
    "EVER", "MORE", "MOST", "MUCH", "BEST", "WORST", "GOOD", "GREAT", "BAD", "EVERY", "ALL",
    "NOTHING", "EVERYTHING", "ANYTHING", "SOMETHING", "DO", "DOES", "DID", "DONT", "DON'T",
    "WILL", "WOULD", "CAN", "CAN'T", "SHOULD", "COULD", "HAVE", "HAS", "HAD", "ARE", "WAS",
    "WERE", "BE", "BEEN", "YOU", "YOUR", "WE", "HE", "SHE", "THEY", "THEM", "HIS", "HER",
    "MY", "ME", "I", "SO", "TOO", "BUT", "IF", "WHY", "HOW", "WHO", "WHEN", "WHERE", "ANY",
    "SOME", "ONE", "TWO", "FIRST", "LAST", "REAL", "TRUE", "FALSE", "OK", "OKAY", "NOTE",
    "NOTES", "WARNING", "SPOILER", "SPOILERS", "MINOR", "MAJOR", "END", "CAPSULE", "RATING",
    "RATINGS", "REVIEW", "REVIEWS", "SYNOPSIS", "PLOT", "CAST", "CREDITS", "DIRECTOR",
    "STARRING", "WRITER", "WRITERS", "PRODUCER", "PRODUCERS", "SCREENPLAY", "MPAA", "PG",
    "PG-13", "NC-17", "R", "G", "NR", "X", "TV", "US", "USA", "UK", "FBI", "CIA", "KGB", "NASA",
    "AIDS", "HIV", "DNA", "CEO", "MTV", "HBO", "CNN", "BBC", "ABC", "NBC", "CBS", "PBS", "NYC",
    "LA", "DC", "AM", "PM", "VHS", "DVD", "CD", "CGI", "ILM", "THX", "IMAX", "UN", "UFO",
    "WWII", "WW2", "IQ", "MD", "PHD", "FAA", "NYPD", "LAPD", "IRA", "IRS", "NFL", "NBA", "MI6",
    "WTC", "SF", "FX", "SFX", "ASAP", "LOL", "IMHO", "BTW", "FAQ", "HTML", "URL", "WWW", "COM",
    "PS", "PPS", "NB", "AKA", "EST", "PST", "GMT", "II", "III", "IV", "VI", "JR", "SR", "DR",
    "MR", "MRS", "MS", "ST", "VS", "ETC", "OUT", "OF", "FOUR", "FIVE", "TEN", "STARS", "STAR",
    "MOVIE", "FILM", "MOVIES", "FILMS", "HERE", "THERE", "NOW", "THEN", "AGAIN", "JUST",
    "LOVE", "HATE", "LIKE", "YEAH", "WOW", "HUH", "OOPS", "NOTHING", "WHATSOEVER", "ABSOLUTELY",
    "DEFINITELY", "SEE", "GO", "GET", "GOT", "LOT", "LOTS", "BIG", "HUGE", "ANYWAY", "SUMMARY",
    "CONCLUSION", "VERDICT", "INTRODUCTION", "BACKGROUND", "OPINION", "THOUGHTS", "COMMENTS",
    "BOTTOM", "LINE", "SCORE", "GRADE", "OVERALL", "PS:", "RECOMMENDED", "HIGHLY", "AVOID",
    "MISS", "SKIP", "WAIT", "RENT", "BUY", "FULL", "STOP", "EXACTLY", "ACTUALLY", "ALSO",
    "STILL", "EVEN", "ONLY", "HARD", "LONG", "SHORT", "NEW", "OLD", "WELL", "DOWN", "UP",
    "REVIEWED", "WRITTEN", "RATED", "DIRECTED", "PRODUCED", "RUNNING", "LENGTH", "COPYRIGHT",
    "TIME", "AT", "FOR", "WITH", "FROM", "BY", "AS",
];

/// Whether an ALL-CAPS word is a layout word, an emphasis or an acronym.
pub(crate) fn is_caps_stop(w: &str) -> bool {
    CAPS_STOP.contains(&w)
}

/// Generic role nouns: "as the President" names no character.
pub(crate) const ROLE_NOUNS: &[&str] = &[
    "president", "king", "queen", "devil", "god", "pope", "prince", "princess", "emperor",
    "sheriff", "mayor", "judge", "senator", "governor", "general", "colonel", "captain",
    "doctor", "professor", "narrator", "villain", "hero", "heroine", "father", "mother",
    "boss", "chief", "detective", "agent", "officer", "priest", "nun", "monster", "creature",
    "stranger", "host", "himself", "herself", "themselves",
];

/// The month number of an English month name or abbreviation.
pub(crate) fn month_number(w: &str) -> Option<u32> {
    let lower = w.trim_end_matches('.').to_lowercase();
    let m = match lower.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// Whether `w` names a day of the week.
pub(crate) fn is_weekday(w: &str) -> bool {
    let lower = w.trim_end_matches('.').to_lowercase();
    matches!(lower.as_str(), "monday" | "tuesday" | "wednesday" | "thursday" | "friday"
        | "saturday" | "sunday" | "mon" | "tue" | "tues" | "wed" | "thu" | "thurs" | "fri"
        | "sat" | "sun")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lower_case_where_compared_lower_case() {
        for w in STOP.iter().chain(FIRST_NAMES).chain(PLACE_WORDS).chain(CREW_WORDS)
            .chain(ROLE_NOUNS)
        {
            assert_eq!(*w, w.to_lowercase(), "{w}");
        }
        for w in CAPS_STOP {
            assert_eq!(*w, w.to_uppercase(), "{w}");
        }
    }

    #[test]
    fn months_and_days() {
        assert_eq!(month_number("April"), Some(4));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Maybe"), None);
        assert!(is_weekday("Saturday") && !is_weekday("Sat-urn"));
        assert!(is_stop("The") && is_stop("april") && !is_stop("Becky"));
        assert!(is_first_name("Jennifer") && !is_first_name("Philadelphia"));
    }
}
