/// Word material for generated pages: the register of the knowledge base (clinical, plain
/// language), so cmark, the term matcher and the search index see text like the real pages.
enum Vocabulary {
    struct Term {
        var term: String
        var aliases: [String]
        var abbreviation: String?
    }

    /// Fifty glossary terms; every generated article mentions many of them.
    static let terms: [Term] = [
        Term(term: "Ozone", aliases: ["medical ozone", "trioxygen"], abbreviation: "O3"),
        Term(term: "Oxygen-ozone therapy", aliases: ["ozone therapy", "ozonotherapy"], abbreviation: nil),
        Term(term: "Herniated disc", aliases: ["slipped disc", "disc herniation"], abbreviation: nil),
        Term(term: "Sciatica", aliases: ["sciatic pain"], abbreviation: nil),
        Term(term: "Nerve root", aliases: ["spinal nerve root"], abbreviation: nil),
        Term(term: "Nucleus pulposus", aliases: ["disc nucleus"], abbreviation: nil),
        Term(term: "Annulus fibrosus", aliases: ["disc annulus"], abbreviation: nil),
        Term(term: "Magnetic resonance imaging", aliases: ["MRI scan"], abbreviation: "MRI"),
        Term(term: "Computed tomography", aliases: ["CT scan"], abbreviation: "CT"),
        Term(term: "Fluoroscopy", aliases: ["live X-ray guidance"], abbreviation: nil),
        Term(term: "Randomised controlled trial", aliases: ["randomized controlled trial"], abbreviation: "RCT"),
        Term(term: "Systematic review", aliases: ["evidence review"], abbreviation: nil),
        Term(term: "Meta-analysis", aliases: ["pooled analysis"], abbreviation: nil),
        Term(term: "Placebo", aliases: ["dummy treatment"], abbreviation: nil),
        Term(term: "Visual analogue scale", aliases: ["pain scale"], abbreviation: "VAS"),
        Term(term: "Oswestry Disability Index", aliases: ["Oswestry score"], abbreviation: "ODI"),
        Term(term: "Inflammation", aliases: ["inflammatory response"], abbreviation: nil),
        Term(term: "Oxidative stress", aliases: ["oxidant stress"], abbreviation: nil),
        Term(term: "Reactive oxygen species", aliases: ["oxygen radicals"], abbreviation: "ROS"),
        Term(term: "Antioxidant", aliases: ["antioxidant defence"], abbreviation: nil),
        Term(term: "Steroid injection", aliases: ["corticosteroid injection", "epidural steroid"], abbreviation: nil),
        Term(term: "Local anaesthesia", aliases: ["local anesthetic", "numbing injection"], abbreviation: nil),
        Term(term: "Discectomy", aliases: ["disc surgery"], abbreviation: nil),
        Term(term: "Microdiscectomy", aliases: ["microsurgical discectomy"], abbreviation: nil),
        Term(term: "Paravertebral injection", aliases: ["intramuscular paravertebral injection"], abbreviation: nil),
        Term(term: "Intradiscal injection", aliases: ["injection into the disc"], abbreviation: nil),
        Term(term: "Intraforaminal injection", aliases: ["foraminal injection"], abbreviation: nil),
        Term(term: "Intra-articular injection", aliases: ["joint injection"], abbreviation: nil),
        Term(term: "Major autohaemotherapy", aliases: ["autohemotherapy"], abbreviation: "MAH"),
        Term(term: "Osteoarthritis", aliases: ["joint wear"], abbreviation: "OA"),
        Term(term: "Fibromyalgia", aliases: ["fibromyalgia syndrome"], abbreviation: nil),
        Term(term: "Low back pain", aliases: ["lumbago", "lower back pain"], abbreviation: "LBP"),
        Term(term: "Cervical spondylosis", aliases: ["neck arthritis"], abbreviation: nil),
        Term(term: "Radiculopathy", aliases: ["pinched nerve"], abbreviation: nil),
        Term(term: "Contraindication", aliases: ["reason not to treat"], abbreviation: nil),
        Term(term: "Adverse event", aliases: ["side effect", "complication"], abbreviation: nil),
        Term(term: "Informed consent", aliases: ["consent form"], abbreviation: nil),
        Term(term: "Physiotherapy", aliases: ["physical therapy"], abbreviation: nil),
        Term(term: "Conservative treatment", aliases: ["non-surgical care"], abbreviation: nil),
        Term(term: "Level of evidence", aliases: ["evidence level"], abbreviation: "LoE"),
        Term(term: "Risk of bias", aliases: ["study bias"], abbreviation: "RoB"),
        Term(term: "Confidence interval", aliases: ["uncertainty range"], abbreviation: "CI"),
        Term(term: "Oedema", aliases: ["edema", "swelling"], abbreviation: nil),
        Term(term: "Vertebra", aliases: ["spinal bone"], abbreviation: nil),
        Term(term: "Spinal canal", aliases: ["vertebral canal"], abbreviation: nil),
        Term(term: "G6PD deficiency", aliases: ["favism"], abbreviation: "G6PD"),
        Term(term: "Ozone generator", aliases: ["ozone machine"], abbreviation: nil),
        Term(term: "Outpatient procedure", aliases: ["day-case procedure"], abbreviation: nil),
        Term(term: "Growth factor", aliases: ["signalling protein"], abbreviation: nil),
        Term(term: "Proteoglycan", aliases: ["disc matrix protein"], abbreviation: nil),
    ]

    static let sections = ["mechanisms", "conditions", "procedures", "comparisons",
                           "safety", "evidence", "practice", "research"]

    static let topics = ["knee", "hip", "shoulder", "neck", "lumbar", "thoracic", "disc", "joint",
                         "tendon", "nerve", "muscle", "spine", "wrist", "ankle", "elbow", "sacroiliac"]

    static let titleHeads = ["Ozone injections for", "Understanding", "Living with", "Treating",
                             "Questions about", "Evidence on", "A guide to", "Managing"]

    static let titleTails = ["pain", "stiffness", "injury", "degeneration", "inflammation",
                             "recovery", "surgery", "arthritis"]

    static let headings = ["Overview", "Symptoms", "Causes", "How the procedure works",
                           "What the evidence shows", "Risks and side effects", "Alternatives",
                           "Questions to ask", "Recovery and aftercare", "Who should avoid it",
                           "Costs and access", "Practical preparation", "Follow-up visits",
                           "Results over time", "Combining treatments"]

    static let subheadings = ["In the short term", "In the long term", "For older patients",
                              "After surgery", "In trials", "In everyday practice"]

    static let subjects = ["Most patients", "Some clinicians", "The treating doctor", "Published studies",
                           "Small trials", "A specialist", "The clinic", "Guidelines", "Researchers",
                           "People with long-standing pain", "Older adults", "The care team"]

    static let verbs = ["describe", "report", "recommend", "compare", "question", "measure",
                        "discuss", "review", "observe", "expect", "explain", "consider"]

    static let objects = ["a gradual improvement", "the effect on daily activities", "the number of sessions",
                          "the timing of follow-up", "the size of the benefit", "the risk of complications",
                          "the cost of treatment", "the need for imaging", "the role of exercise",
                          "the quality of the studies", "changes in sleep and mood", "the return to work"]

    static let connectives = ["after several weeks", "in the first month", "compared with usual care",
                              "when other options have failed", "under image guidance", "in small groups",
                              "with careful monitoring", "at most clinics", "in recent years", "over six months"]

    static let listItems = ["bring a list of your medicines", "ask how many sessions are planned",
                            "arrange for someone to drive you home", "keep a short pain diary",
                            "stop heavy lifting for a few days", "report fever or new weakness at once",
                            "ask what the alternatives are", "check whether imaging is needed first",
                            "continue gentle exercise as advised", "ask about the clinic's experience"]

    static let tags = ["spine", "joints", "evidence", "safety", "procedures", "nerve-pain",
                       "imaging", "surgery", "rehabilitation", "overview"]
}
