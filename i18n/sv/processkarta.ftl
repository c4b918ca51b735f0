# processkartas egna ord på svenska: meddelandena från `check`, ändringsrapporten från `diff`
# och kommentaren i pull-requesten. Varje id här finns också i i18n/en/processkarta.ftl, med
# samma argument ($namn); tests/i18n.rs jämför båda filerna med koden.
# Skriv för den som redigerar YAML-filerna: vad som är fel, var, och hur man rättar det.
# Värden ur modellen (stegnummer, rubriker, filnamn) är argument och översätts aldrig.

## Utskrift av fel och varningar

help = hjälp
follow-on-problems = { $n ->
    [one] 1 följdfel visas inte förrän det här är rättat.
   *[other] { $n } följdfel visas inte förrän det här är rättat.
}
omitted-problems = … och { $n } till i { $file } som inte visas (rätta dem ovanför först; `processkarta check --format json` visar alla).
summary-counts = { $errors ->
    [one] 1 fel
   *[other] { $errors } fel
}, { $warnings ->
    [one] 1 varning
   *[other] { $warnings } varningar
}
summary-fix-first = ; rätta det första felet först, de senare kan bero på det
summary-github-limit = ; GitHub visar bara de första { $shown } av varje slag, kör `processkarta check` för att se alla

## Processens flöde (check/graph.rs)

where-overview = Översiktskartan
where-subprocess = Underprocessen `{ $id }`
duplicate-arrow = Steg { $from } har två pilar till steg { $to }.
duplicate-arrow-help = Ta bort en av dem.
unknown-step = Steg { $from } pekar på steg { $to }, som inte finns.
unknown-step-label = steget finns inte
unknown-step-help-overview = Översiktskartan har stegen { $steps }. Steg i en underprocess kan inte vara mål här.
unknown-step-help-subprocess = Den här underprocessen har stegen { $steps }. Vägen tillbaka till översiktskartan är ett steg med `kind: end`.
unknown-step-help-typo = Menar du steg { $step }? Ingen annan pil leder dit.
end-with-next = Slutsteg { $step } har pilar vidare.
end-with-next-help = Ta bort `next`, eller ändra `kind: end` till `kind: task`.
dead-end = Steg { $step } leder ingenstans.
dead-end-label = ingen `next`
dead-end-help = Skriv `next:` med steget som kommer efter, eller gör steget till ett slutsteg med `kind: end`.
vagval-too-few-arrows = { $n ->
    [one] Vägval { $step } har bara 1 pil vidare, men ett vägval behöver minst två.
   *[other] Vägval { $step } har { $n } pilar vidare, men ett vägval behöver minst två.
}
vagval-too-few-arrows-help = Lägg till det andra svaret som `- {"{"}to: <nr>, label: Nej{"}"}`, eller gör steget till ett vanligt steg (`kind: task`).
vagval-unlabelled = Pilen från vägval { $from } till steg { $to } saknar etikett.
vagval-unlabelled-help = Skriv den som `{"{"}to: { $to }, label: { $label }{"}"}` så att läsaren ser vilket svar som leder dit.
vagval-unlabelled-help-taken = Skriv den som `{"{"}to: { $to }, label: …{"}"}` med svaret som leder dit, ett annat än på de andra pilarna.
no-steps = { $map } har inga steg.
no-steps-help = Lägg till steg, det första med `kind: start`.
no-start = { $map } har inget startsteg.
no-start-help = Markera var processen börjar med `kind: start`.
unreachable = Steg { $step } går inte att nå från något startsteg.
unreachable-help = Lägg till en pil till steget från ett tidigare steg, eller ta bort det.
no-end = { $map } har inget slutsteg.
no-end-help = Markera var processen slutar med `kind: end`.
loop-without-exit = Stegen { $steps } bildar en slinga utan väg ut.
loop-without-exit-help = Lägg till en pil från något av dem mot ett slutsteg, till exempel ett vägval med en väg ut.
backward-arrow = Steg { $from } leder tillbaka till steg { $to }, mot numreringen.
backward-arrow-help = Numren ska stiga i flödets riktning. Numrera om så att målet kommer efter det här steget.

## Handläggarstöd och länkar (check/links.rs, model/laws.rs)

missing-guidance = Steg { $step } saknar handläggarstöd.
missing-guidance-help = Skapa filen { $file }.
broken-step-link = Länken går till steg { $step }, som inte finns.
broken-step-link-help = Använd numret på ett steg som finns, till exempel `steg:12` eller `steg:15.3`.
broken-link = Länken går till `{ $target }`, som inte finns.
broken-link-help = Länken utgår från mappen där den här filen ligger. Kontrollera filnamnet och mappen.
not-published-label = filen publiceras inte
active-attachment = { $file } skulle öppnas som en sida på webbplatsen och kunna köra skript där, så den kan inte bifogas.
active-attachment-help = Webbsidor och XML-filer (.html, .htm, .xhtml, .xml …) kan inte bifogas. Bifoga en PDF i stället, eller skriv texten i ett handläggarstöd (.md).
bad-svg-attachment = { $file } går inte att läsa som en SVG-bild: { $why }
bad-svg-attachment-help = Öppna bilden i ett ritprogram och spara den igen som vanlig SVG, eller bifoga den som PNG.
unknown-law = Länken går till lagen `{ $id }`, som inte finns i handlaggarstod/lagar.yaml.
unknown-law-help-no-file = För in lagen i handlaggarstod/lagar.yaml (se FORMAT.md) med namn, nummer och webbadress.
unknown-law-help-typo = Menar du `lag:{ $near }`?
unknown-law-help = Lägg till `{ $id }` i handlaggarstod/lagar.yaml, eller använd en av lagarna där: { $ids }.
bad-provision = `{ $written }` pekar inte ut något lagrum.
bad-provision-help = { $why }. Skriv { $forms }
citation-forms-chapters = `lag:{ $id }`, `lag:{ $id }/<kapitel>` eller `lag:{ $id }/<kapitel>/<paragraf>`, till exempel `lag:{ $id }/11/1`.
citation-forms-paragraphs = `lag:{ $id }` eller `lag:{ $id }/<paragraf>`, till exempel `lag:{ $id }/4`, eftersom { $law } inte har några kapitel.
law-has-no-chapters = { $law } har inga kapitel
not-a-provision = `{ $written }` är inget lagrum
repealed-law = Sidan hänvisar till { $law }, som upphävdes { $date }.
repealed-law-replaced = Sidan hänvisar till { $law }, som upphävdes { $date } och ersattes av { $new }.
repealed-law-help = Hänvisa till { $law } i stället (`lag:{ $id }`), med paragrafens nummer i den lagen.
repealed-law-help-no-successor = Hänvisa till den lag som gäller nu.
unsafe-link = Länken `{ $dest }` är inte tillåten.
unsafe-link-help = Länka till steg (`steg:12`), till sidor i handlaggarstod/ eller till webbadresser som börjar med http:// eller https://.
link-text-mismatch = Länktexten säger steg { $named }, men länken går till steg { $step }.
link-text-mismatch-label = går till steg { $step }
link-text-mismatch-help = Rätta numret i texten eller i länken: [steg { $named }](steg:{ $named }) eller [steg { $step }](steg:{ $step }).
not-a-link = `{ $written }` blir ingen länk, sidan skulle visa det som vanlig text.
not-a-link-label = ingen länk
not-a-link-help = Skriv den utan mellanslag: { $fixed }

## Underprocesser och deras utfall (check/outcomes.rs, model/outcomes.rs)

continues-ambiguous = Steg { $opener } leder till stegen { $targets }, så slutsteg { $end } måste tala om var översiktskartan fortsätter.
continues-ambiguous-label = `continues` saknas
continues-ambiguous-help = Skriv `continues: { $first }` (ett av stegen { $targets }), eller `continues: []` om flödet slutar här.
continues-not-a-target = Slutsteg { $end } fortsätter till steg { $to }, men steg { $opener }, som öppnar underprocessen `{ $id }`, leder inte dit.
continues-not-a-target-help-no-next = Steg { $opener } saknar `next`. Lägg till en, eller skriv `continues: []`.
continues-not-a-target-help = Fortsätt till ett av stegen { $targets }, eller lägg till { $to } i `next` för steg { $opener }.
target-not-continued = Inget slutsteg i underprocessen `{ $id }` fortsätter till steg { $to }, så pilen från steg { $opener } används aldrig.
target-not-continued-help = Skriv `continues: { $local }` på det slutsteg som leder dit, eller ta bort { $to } ur den här `next`.
continues-on-overview = Steg { $step } ligger på översiktskartan. `continues` hör till ett slutsteg i en underprocess.
continues-on-overview-help = Skriv stegets pilar som `next:`.
continues-not-on-end = Steg { $step } är inget slutsteg. Bara ett slutsteg i en underprocess kan fortsätta på översiktskartan.
continues-not-on-end-help = Skriv stegets pilar som `next:`, eller gör steget till ett slutsteg med `kind: end`.

## Den tryckta kartan (check/print.rs)

title-too-long = Rubriken på steg { $step } är för lång för sin ruta på den tryckta kartan.
title-too-long-label = behöver { $needs } rader, rutan rymmer { $holds }
title-too-long-help = Korta rubriken och skriv detaljerna i handläggarstödet.
map-of-overview = Översiktskartan
map-of-subprocess = Kartan för underprocessen `{ $id }`
map-too-large = { $map } får inte plats på { $paper }-papper. Den skrivs ut i { $scale } % med text på { $text } punkter.
map-too-large-label = { $n } steg på { $size } punkter, papperet rymmer { $room } punkter
map-too-large-help = Flytta detaljer till en underprocess, låt fler steg gå parallellt hos olika parter, eller välj ett större papper (`paper` under [map] i book.toml).

## Ändringar i en lag (check/laws.rs)

unreviewed-law-change = { $law } ändras { $dates } ({ $summary }), och sidorna som hänvisar till lagen har inte gåtts igenom för ändringen.
unreviewed-law-change-help-uncited = Ingen sida hänvisar till lagen. Skriv `reviewed: true` på ändringen när du har kontrollerat att ingen sida borde göra det.
unreviewed-law-change-help = Läs om sidorna som hänvisar till lagen ({ $pages }) och skriv sedan `reviewed: true` på ändringen.

## Mappar som ett bygge inte får ersätta, filer som en export inte får skriva (outdir.rs, check/build_dir.rs)

refusing-to-use = { $path } kan inte användas: { $why }
build-dir-refused = book.toml: bygget kan inte skrivas till `{ $dir }`: { $why }
build-dir-refused-default = book.toml: bygget kan inte skrivas till `{ $dir }` (standardmappen för build-dir): { $why }
build-dir-refused-label = den här mappen
build-refused-help = Ett bygge ersätter hela sin mapp. Ange en ny eller tom mapp, eller en som `processkarta build` har skrivit tidigare, till exempel { $suggestion }.
export-refused-help = Skriv exporten till en ny fil utanför modellens mappar, till exempel `-o karta.bpmn`.
refused-is-a-folder = det är en mapp, inte en fil
refused-is-book-toml = det är modellens book.toml, som exporten skulle skriva över
refused-in-source-folder = den ligger i modellens källmapp `{ $folder }`, där den skulle skriva över eller lägga till något i modellen
refused-in-theme = den ligger i modellens temamapp
refused-in-hidden = den ligger i den dolda mappen `{ $folder }` (som .git), som innehåller inställningar och historik
refused-root = det är filsystemets rot
refused-model-folder = det är själva modellens mapp, så bygget skulle ersätta modellen
refused-holds-model = den innehåller modellens mapp { $model }, så bygget skulle ersätta modellen
refused-home = det är din hemmapp
refused-holds-home = den innehåller din hemmapp { $home }
refused-is-a-file = det är en fil, inte en mapp
refused-source-folder = det är, eller ligger i, modellens källmapp `{ $folder }`
refused-theme = den är, innehåller eller ligger i modellens temamapp
refused-hidden = det är, eller ligger i, den dolda mappen `{ $folder }` (som .git), som innehåller inställningar och historik
refused-unreadable = innehållet går inte att läsa ({ $why })
refused-not-a-build = mappen är inte tom och har inte skrivits av `processkarta build` (filen { $marker } saknas). Flytta innehållet någon annanstans, eller ta bort mappen själv när du är säker på att inget i den behövs
refused-foreign-files = { $n ->
    [one] mappen innehåller en fil som `processkarta build` inte har skrivit ({ $files }). Bygget skulle ta bort den, så flytta den från mappen först
   *[other] mappen innehåller filer som `processkarta build` inte har skrivit ({ $files }{ $more ->
        [0] {""}
       *[other] {" "}och { $more } till
    }). Bygget skulle ta bort dem, så flytta dem från mappen först
}

## Modellens filer (load/mod.rs, load/confine.rs)

missing-karta = Modellen saknar filen process/karta.yaml.
missing-karta-help = Skapa process/karta.yaml med `title:` och `lanes:` (se FORMAT.md).
guidance-not-read = { $file } läses inte, eftersom sidorna i handlaggarstod/ måste sluta på `.md`.
guidance-not-read-help = Byt namn på filen till { $name }.
the-folder = mappen { $folder }
cannot-read = Filen { $file } går inte att läsa.
cannot-read-help = Om det är en symbolisk länk leder den ingenstans. Lägg själva filen här.
not-utf8 = { $file } är inte sparad som UTF-8.
not-utf8-label = det här tecknet är inte UTF-8
not-utf8-help = Spara filen som UTF-8 (i de flesta program: Spara som … → Teckenkodning: UTF-8).
too-many-steps = { $n } steg i en och samma fil, men högst { $max } tas emot.
steps-not-a-list = `steps` måste vara en lista med steg.
steps-not-a-list-help = Skriv varje steg på en egen rad som börjar med `- nr:`.
refusal-missing = { $file } finns inte.
refusal-outside = { $file } leder ut ur modellens mapp genom en symbolisk länk.
refusal-hidden = { $file } leder in i den dolda mappen eller filen `{ $name }` i modellen.
refusal-not-a-file = { $file } är { $what } och inte en vanlig fil.
refusal-too-large = { $file } är { $size }, men högst { $limit } tas emot.
refusal-missing-help = Kontrollera filnamnet och mappen.
refusal-outside-help = Kopiera filen till modellens mapp i stället för att länka till den. Bara modellens egna filer publiceras.
refusal-hidden-help = Dolda mappar som .git innehåller förrådets inställningar och publiceras aldrig. Kopiera filen till modellens egna mappar.
refusal-folder-help = Länka till en fil i mappen, eller till en sida (.md), inte till själva mappen.
refusal-not-a-file-help = Bara vanliga filer kan ingå i modellen. Ta bort den, eller lägg en fil på dess plats.
refusal-too-large-help = Gör filen mindre, eller dela upp den på flera filer.
kind-folder = en mapp
kind-file = en fil
kind-fifo = en namngiven pipe (FIFO)
kind-device = en enhet
kind-socket = en socket
kind-other = något annat

## YAML (load/yaml.rs)

verbatim = { $text }
yaml-syntax = Filen är inte giltig YAML. YAML-läsaren säger (på engelska): { $why }
yaml-syntax-help = Kontrollera indraget och citattecknen runt den här raden.
yaml-tab-help = Dra in raderna med mellanslag. YAML tillåter inte tabbar för indrag.
yaml-no-space = Filen är inte giltig YAML: `{ $key }:` behöver ett mellanslag efter kolonet.
yaml-no-space-help = Skriv `{ $key }: { $value }`.
yaml-indented = Filen är inte giltig YAML: `{ $key }:` är mer indragen än raden ovanför.
yaml-indented-help = Börja `{ $key }:` i samma kolumn som `{ $above }:` på raden ovanför.
yaml-colon-in-value = Filen är inte giltig YAML: värdet av `{ $key }` innehåller `: `.
yaml-colon-in-value-help = Sätt värdet inom citattecken: { $key }: { $quoted }
comment-value = `{ $key }:` saknar värde, eftersom YAML läser `#{ $written }` som en kommentar.
comment-value-label = läses som en kommentar
comment-value-help = Sätt värdet inom citattecken: { $key }: "#{ $written }"
did-you-mean = Menar du `{ $name }`?
remove-field = Ta bort fältet.
allowed-here = Tillåtna här: { $names }.
label-cut = Etiketten `{ $label }, { $name }` klipps av vid kommatecknet.
label-cut-label = läses som fältet `{ $name }`
label-cut-help = Inom `{"{"} {"}"}` börjar ett kommatecken nästa fält. Sätt etiketten inom citattecken: label: "{ $label }, { $name }"
not-a-field-name = `{ $name }` är inget fältnamn.
unknown-field = Okänt fält `{ $name }`.
unknown-field-label = inget känt fält här
unknown-value = Okänt värde `{ $name }`.
unknown-value-label = inget känt värde här
missing-field = Fältet `{ $name }` saknas.
missing-field-label = `{ $name }` måste finnas här
missing-field-help = Lägg till `{ $name }:` med ett värde.
duplicate-key = Fältet `{ $name }` står två gånger.
duplicate-key-help = Behåll ett av dem. Annars skulle YAML tyst strunta i det andra.
key-not-a-field-name = { $found } är inget fältnamn.
key-not-a-field-name-help = Fält har namn som `title:` eller `next:`. Rätta eller ta bort raden.
wrong-value = Fel sorts värde: { $why }.
wrong-value-in = Fel sorts värde i `{ $path }`: { $why }.
number-too-large = talet { $n } är för stort (högst { $max })
found-where-expected = { $found } där det ska stå { $expected }
not-one-of = `{ $name }` är inget av { $allowed }
unknown-key = okänt fält `{ $name }`
key-missing = `{ $name }` saknas
found-text = texten { $value }
found-number = talet { $value }
a-list = en lista
a-mapping = rader med `fält: värde`
an-empty-value = ett tomt värde
a-positive-whole-number = ett positivt heltal
a-whole-number = ett heltal
a-number = ett tal
text = text
true-or-false = `true` eller `false`
a-field-name = ett fältnamn
type-help-number = Skriv ett heltal större än noll, till exempel `{ $key }: 12`.
type-help-next = Skriv ett nummer (`{ $key }: 12`), en lista (`{ $key }: [12, 14]`) eller en lista med `{"{"}to: 12, label: Ja{"}"}`.
type-help-kind = Använd något av start, task, vagval, subprocess, end.
type-help-bool = Skriv `true` eller `false`.
type-help-lanes = Skriv en lista med parternas id, till exempel `lanes: [individen, socialtjansten]`.
type-help-steps = Skriv en lista med steg, vart och ett med början `- nr:`.
type-help-text = Skriv text. Sätt den inom citattecken om den innehåller `:` eller börjar med ett specialtecken.
type-help-other = Rätta värdet så att det är av rätt sort.
aliases-too-large = Alias i filen blir större än { $mib } MiB när de fylls i.
aliases-too-large-help = Skriv ut värdena i stället för att upprepa samma ankare (`*namn`) många gånger.
nesting-too-deep = Filen har fler än { $max } nivåer.
nesting-too-deep-help = En modell behöver bara några få nivåer: part, `steps`, steg, `next`.

## book.toml (load/book.rs)

a-and-b = { $a } och { $b }
book-toml = book.toml: { $why }
book-toml-syntax = book.toml är inte giltig TOML. TOML-läsaren säger (på engelska): { $why }
book-toml-missing-key-help = Lägg till nyckeln som saknas (se FORMAT.md).
book-toml-help = Se FORMAT.md för nycklarna i book.toml och deras värden.
accessibility-missing-key = book.toml: `{ $key }` saknas under [accessibility].
accessibility-missing-key-help = Tillgänglighetsredogörelsen behöver organisation, status, assessment-date, assessment-method, feedback och enforcement-url.
accessibility-status = book.toml: tillgänglighetsstatusen `{ $status }` är inte full, partial eller none.
accessibility-status-help = Skriv status = "partial" så länge det finns kända brister.
edit-url-help = Skriv webbadressen där en sidas fil redigeras, med {"{"}path{"}"} för sökvägen i modellen, till exempel edit-url = "https://github.com/org/repo/edit/main/{"{"}path{"}"}".
feedback-help = Skriv en mailto:-adress eller webbadress med {"{"}step{"}"} för stegets nummer och gärna {"{"}title{"}"} för dess rubrik, till exempel feedback = "mailto:remiss@example.se?subject=Steg%20{"{"}step{"}"}%3A%20{"{"}title{"}"}".
mailto-or-web-address = en mailto:-adress eller webbadress (https://…) utan mellanslag
web-address = en webbadress (https://…) utan mellanslag
not-an-address = { $key } `{ $value }` är inte { $what }.
unknown-placeholder = { $key } har platshållaren `{ $placeholder }`, som inte fylls i (det gör bara { $known }).
missing-placeholder = { $key } saknar `{ $placeholder }`.
not-a-revision = previous `{ $rev }` är ingen git-version.
not-a-revision-help = Ange den förra versionen med en tagg, gren eller commit i modellens förråd, till exempel previous = "remiss-2019".
path-outside-model = book.toml: { $key } `{ $value }` är ingen mapp inuti modellen.
path-outside-model-help = Skriv en relativ sökväg utan `..`, till exempel { $key } = "{ $example }".
theme-default-label = `theme` är inte angivet, så { $theme } används
theme-label = temat som anges här
theme-hidden = book.toml: temat `{ $theme }` ligger i den dolda mappen `{ $name }`, som aldrig publiceras.
theme-hidden-help = Lägg temat i en mapp i modellen vars namn inte börjar med punkt, till exempel theme = "themes/default".
theme-not-a-folder = book.toml: temat `{ $theme }` är ingen mapp.
theme-not-a-folder-help = Ange temats mapp, till exempel theme = "themes/default", eller ta bort nyckeln för att använda det inbyggda temat.
the-theme-folder = temamappen { $theme }
theme-outside-help = Kopiera temamappen till modellen i stället för att länka till den. Bara modellens egna filer publiceras.
theme-file = temafilen { $file }

## Parter, steg, underprocesser och handläggarstöd (model/resolve.rs)

invalid-lane-id = `{ $id }` går inte att använda som id för en part.
invalid-lane-id-help = Använd små bokstäver a–z, siffror och `-`, till exempel `halso-och-sjukvarden`.
invalid-lane-id-help-rename = Byt namn till `{ $suggestion }`, både på filen (process/{ $suggestion }.yaml) och här i karta.yaml. En parts id får bara innehålla små bokstäver a–z, siffror och `-`.
invalid-lane-id-help-create = Byt namn till `{ $suggestion }` och skapa process/{ $suggestion }.yaml. En parts id får bara innehålla små bokstäver a–z, siffror och `-`.
lane-listed-twice = Parten `{ $id }` står två gånger i listan.
lane-listed-twice-help = Ta med varje part en gång. Ta bort den här raden.
not-a-colour = `{ $color }` är ingen färg.
not-a-colour-help = Skriv färgen som hexkod inom citattecken, till exempel color: "#C8102E".
lane-in-lane-file = Fältet `lane` hör inte hemma i en parts fil.
lane-in-lane-file-help = Ett steg i process/{ $id }.yaml hör alltid till parten `{ $id }`. Flytta steget till den andra partens fil i stället.
lane-without-file = Parten `{ $id }` saknar filen process/{ $id }.yaml.
lane-without-file-help-typo = Menar du `{ $near }`? Skapa annars process/{ $id }.yaml.
lane-without-file-help = Skapa process/{ $id }.yaml med `name:` och `steps:`, eller ta bort `{ $id }` ur listan.
lane-not-listed = process/{ $id }.yaml finns inte med i process/karta.yaml.
lane-not-listed-help = Lägg till `- { $id }` under `lanes:` i process/karta.yaml, eller ta bort filen.
lane-not-listed-help-invalid = `{ $id }` går inte att använda som id för en part. Byt namn på filen till process/{ $suggestion }.yaml och lägg till `- { $suggestion }` under `lanes:` i process/karta.yaml.
unknown-lane = Det finns ingen part `{ $id }`.
unknown-lane-help = Parterna är: { $lanes }.
process-on-non-subprocess = Steg { $step } har `process` men är inget underprocessteg.
process-on-non-subprocess-help = Lägg till `kind: subprocess`, eller ta bort `process:`.
missing-subprocess = Underprocessen `{ $name }` finns inte.
missing-subprocess-label = filen process/underprocesser/{ $name }.yaml saknas
missing-subprocess-help = Skapa process/underprocesser/{ $name }.yaml.
subprocess-opened-twice = Underprocessen `{ $name }` öppnas från steg { $first } och en gång till från steg { $step }.
subprocess-opened-twice-help = En underprocess öppnas från ett enda steg. Gör en fil till för en andra underprocess, eller låt det här steget peka på något annat.
subprocess-without-process = Underprocessteget { $step } anger inte vilken underprocess det öppnar.
subprocess-without-process-help = Lägg till `process: <namn>` med namnet på en fil i process/underprocesser/.
subprocess-never-opened = Underprocessen `{ $name }` öppnas inte från något steg.
subprocess-never-opened-help = Lägg till `kind: subprocess` och `process: { $name }` på det steg i översiktskartan som öppnar den.
nested-subprocess = Steg { $step } i en underprocess öppnar en annan underprocess.
nested-subprocess-help = Underprocesser öppnas bara från översiktskartan. Gör steget till ett vanligt steg (`kind: task`).
step-number-zero = Steg nummer 0 är inte tillåtet.
step-number-zero-help = Numrera stegen från 1.
title-text-too-long = Rubriken på steg { $step } är { $n } tecken lång, men en rubrik får vara högst { $max } tecken.
title-text-too-long-label = för lång för att skrivas i en ruta på kartan
title-text-too-long-help = Håll rubriken till några få ord och skriv detaljerna i stegets handläggarstöd.
empty-title = Steget har en tom rubrik.
empty-title-help = Skriv en kort rubrik, till exempel title: Ansöker om ekonomiskt bistånd
label-too-long = Etiketten på pilen från steg { $from } till steg { $to } är { $n } tecken lång, men en etikett får vara högst { $max } tecken.
label-too-long-label = för lång för att skrivas vid pilen
label-too-long-help = En etikett anger svaret eller villkoret med ett eller två ord, till exempel `label: Ja`.
duplicate-step = Stegnummer { $step } används två gånger.
duplicate-step-label = andra gången
duplicate-step-help = Det första är "{ $title }". Ge ett av stegen ett nummer som inte används.
guidance-without-step = { $file } är handläggarstöd för steg { $step }, som inte finns.
guidance-without-step-help = Byt namn på filen till numret på ett steg som finns, eller ta bort den.
duplicate-guidance = Steg { $step } har två handläggarstöd.
duplicate-guidance-help = För över texten till { $file } och ta bort den här filen.
guidance-outside-steg = { $file } ser ut att vara handläggarstöd för steg { $step }, men handläggarstöd läses bara från handlaggarstod/steg/.
guidance-outside-steg-help = Flytta filen till { $file }.
guidance-number-without-dash = I { $file } följs stegnumret { $number } inte av `-`.
guidance-rename-help = Byt namn på filen till { $file }.
guidance-without-number = { $file } börjar inte med ett stegnummer.
guidance-without-number-help = Ge handläggarstöden namn som `<nr>-<kort-namn>.md`, till exempel 12-laser-av-lakarintyget.md eller 15.3-intyget-tillrackligt.md.

## lagar.yaml (model/laws.rs)

invalid-law-id = `{ $id }` går inte att använda som id för en lag.
invalid-law-id-help = Använd små bokstäver a–z, siffror och `-`, till exempel `sol` eller `2019-1297`.
law-url = Webbadressen (url) för `{ $id }` är ingen webbadress.
law-url-help = Skriv adressen till lagtexten, med början https://.
unknown-successor = `{ $id }` ersätts av `{ $by }`, som inte finns i lagar.yaml.
unknown-successor-help = Lägg till lagen som ersatte den i lagar.yaml, med ett eget id.
not-a-date = `{ $date }` är inget datum.
not-a-date-help = Skriv datumet som år-månad-dag, till exempel 2026-07-01.

## Bygget (render/, diff/previous.rs)

theme-template-not-utf8 = Temamallen { $file } är inte text i UTF-8.
theme-template-syntax = En av temats mallar går inte att läsa: { $why }
theme-error-help = Rätta temamappen som anges med `theme` i book.toml, eller ta bort nyckeln för att använda det inbyggda temat.
theme-strings = { $file }: { $why } (varje rad måste vara nyckel = "text")
theme-template-failed = Temats mall { $name } misslyckades: { $why }
no-accessibility = book.toml saknar tabellen [accessibility], men webbplatsen behöver en tillgänglighetsredogörelse.
no-accessibility-help = Lägg till [accessibility] med organisation, status, shortcomings, assessment-date, assessment-method, feedback och enforcement-url (se FORMAT.md).
map-pdf-failed = PDF-filen med översiktskartan kunde inte skrivas: { $why }
bug-help = Det här är ett fel i processkarta. Rapportera det gärna tillsammans med modellen.
previous-unreadable = book.toml: den förra versionen `{ $rev }` går inte att läsa: { $why }
previous-unreadable-label = versionen finns inte
previous-unreadable-help = previous anger en tagg, gren eller commit i det git-förråd som modellen ligger i (se `git tag` och `git log`). Ta bort nyckeln för att bygga utan sidan med ändringar.
build-dir-outside = den leder ut ur modellens mapp genom en symbolisk länk
build-dir-outside-help = Gör build-dir till en riktig mapp inuti modellen, till exempel build-dir = "book".
duplicate-key-label = skrivet en andra gång här

## Ändringsrapporten (diff/)

not-compared-reason = { $message } (rad { $line }, { $code })
diff-note = obs
diff-side-has-errors = { $source } har { $n ->
    [one] 1 fel
   *[other] { $n } fel
}. Den jämförs så långt den gick att läsa (kör `processkarta check` för detaljer).
diff-no-changes = inga ändringar
diff-words = { $n ->
    [one] 1 ord
   *[other] { $n } ord
}
diff-steps = { $n } steg
diff-the-model = modellen
diff-not-compared = Inte jämfört
diff-not-compared-file = { $file }: går inte att läsa i { $source }: { $reason }
diff-not-compared-note = det som står i de här filerna lämnas utanför båda versionerna tills de går att läsa
diff-problems = Fel och varningar från check
diff-new-error = nytt fel
diff-new-warning = ny varning
diff-resolved-error = åtgärdat fel
diff-resolved-warning = åtgärdad varning
diff-problem = { $kind } { $code } i { $place }: { $message }
diff-more-new = … och { $n } nya till (`processkarta check` visar alla)
diff-more-resolved = … och { $n } åtgärdade till (`processkarta check` visar alla)
diff-count-steps = { $n ->
    [one] 1 ändring av steg
   *[other] { $n } ändringar av steg
}
diff-count-arrows = { $n ->
    [one] 1 ändring av pilar
   *[other] { $n } ändringar av pilar
}
diff-count-subprocesses = { $n ->
    [one] 1 ändring av underprocesser
   *[other] { $n } ändringar av underprocesser
}
diff-count-lanes = { $n ->
    [one] 1 ändring av parter
   *[other] { $n } ändringar av parter
}
diff-count-guidance = { $n ->
    [one] 1 handläggarstöd
   *[other] { $n } handläggarstöd
}
diff-count-laws = { $n ->
    [one] 1 ändring av lagrum
   *[other] { $n } ändringar av lagrum
}
diff-total = { $n ->
    [one] 1 ändring
   *[other] { $n } ändringar
}: { $summary }
diff-heading-overview = Översiktskarta: { $title }
diff-heading-subprocess = Underprocess { $id }: { $title }
diff-step-was = { $new } (var { $old })
diff-was = var { $old }
diff-at-step = steg { $step }
diff-no-label = ingen etikett
diff-section-lanes = Parter
diff-section-subprocesses = Underprocesser
diff-section-guidance = Handläggarstöd
diff-section-laws = Lagrum
diff-old-numbers = borttagna steg och pilar har sina gamla nummer
diff-lane-added = parten { $lane } "{ $name }" är ny
diff-lane-removed = parten { $lane } "{ $name }" är borttagen
diff-lane-renamed = parten { $lane } har bytt namn från "{ $old }" till "{ $new }"
diff-subprocess-added = underprocessen { $id } "{ $title }" är ny, { $steps } steg
diff-subprocess-added-from = underprocessen { $id } "{ $title }" är ny och öppnas från steg { $from }, { $steps } steg
diff-subprocess-removed = underprocessen { $id } "{ $title }" är borttagen, { $steps } steg
diff-subprocess-removed-from = underprocessen { $id } "{ $title }" är borttagen, öppnades från steg { $from }, { $steps } steg
diff-guidance-added = nytt, { $words }
diff-guidance-removed = borttaget, { $words }
diff-guidance-changed = { $added } tillagda, { $removed } borttagna
diff-step-added = steg { $step } "{ $title }" är nytt hos { $lane } ({ $kind })
diff-step-removed = steg { $step } "{ $title }" är borttaget hos { $lane } ({ $kind })
diff-step-renumbered = steg { $old } → { $new } "{ $title }" har numrerats om
diff-step-renamed = steg { $step } har bytt rubrik från "{ $old }" till "{ $new }"
diff-step-moved = steg { $step } "{ $title }" har flyttats från { $old } till { $new }
diff-kind-changed = steg { $step } "{ $title }" har bytt sort från { $old } till { $new }
diff-continuation-changed = steg { $step } "{ $title }" fortsätter nu { $new } (förut { $old })
diff-aktualisering-added = steg { $step } "{ $title }" är nu en aktualiseringspunkt
diff-aktualisering-removed = steg { $step } "{ $title }" är inte längre en aktualiseringspunkt
diff-arrow-added = ny pil { $from } "{ $from_title }" → { $to } "{ $to_title }"{ $label }
diff-arrow-removed = borttagen pil { $from } "{ $from_title }" → { $to } "{ $to_title }"{ $label }
diff-label-changed = pilen { $from } → { $to } har ny etikett { $new } (var { $old })
diff-continues-not-said = (inte angivet)
diff-continues-nowhere = ingenstans (flödet slutar)
diff-step-page = steg { $step } ({ $path })
diff-cites = { $page } hänvisar till { $citation }
diff-no-longer-cites = { $page } hänvisar inte längre till { $citation }
diff-law = lag { $law }: { $name }
law-detail-none = (inget)
law-detail-field = { $name }: { $old } → { $new }
law-detail-change-added = ny ändring: { $change }
law-detail-change-removed = borttagen ändring: { $change }
law-detail-unverified-added = nytt lagrum att kontrollera (unverified): { $provision }
law-detail-unverified-removed = lagrum inte längre att kontrollera (unverified): { $provision }
diff-md-heading = Ändringar i processen: { $old } → { $new }
diff-md-no-changes = Inga ändringar i processen eller handläggarstödet.
diff-md-total = { $n ->
    [one] **1 ändring**
   *[other] **{ $n } ändringar**
}: { $summary }.
diff-md-added = ny
diff-md-removed = borttagen
diff-md-renamed = nytt namn
diff-md-opened-from = öppnas från steg **{ $step }**
diff-md-was-opened-from = öppnades från steg { $step }
diff-md-step-columns = Steg | Rubrik | Ändring
diff-md-arrow-columns = Pil | Etikett | Ändring
diff-md-guidance-columns = Steg | Sida | Ändring
diff-md-problem-columns = Kontroll | Kod | Problem | Var
diff-md-old-numbers = Borttagna steg och pilar har sina gamla nummer
diff-md-not-compared = **Inte jämfört:** { $file } går inte att läsa i { $source }: { $reason }
diff-md-not-compared-note = Det som står i de här filerna lämnas utanför båda versionerna tills de går att läsa.
diff-md-new = ny
diff-md-resolved = åtgärdad
diff-md-more = … och { $n } till (`processkarta check` visar alla)
diff-md-line = { $file } rad { $line }
diff-md-step-added = **nytt** hos { $lane } (`{ $kind }`)
diff-md-step-removed = **borttaget** hos { $lane } (`{ $kind }`)
diff-md-renumbered = **numrerat om**
diff-md-renamed-from = **ny rubrik**, förut ”{ $old }”
diff-md-moved = **flyttat** från { $old } till { $new }
diff-md-kind = **sort** `{ $old }` → `{ $new }`
diff-md-continues = **fortsätter** { $old } → { $new }
diff-md-aktualisering-added = **aktualiseringspunkt** tillagd
diff-md-aktualisering-removed = **aktualiseringspunkt** borttagen
diff-md-none = (ingen)
diff-md-label-changed = ny etikett
diff-md-only-marks = bara Markdown-tecken eller länkmål har ändrats
diff-review-link = [De ändrade kartorna sida vid sida]({ $url }) (diff.html: ladda ned filen, packa upp den och öppna den i en webbläsare)
diff-no-picture = fel: ingen bild av { $source } ritades, eftersom översiktskartan inte kan ritas medan modellen har fel
    {"  "}hjälp: kör `processkarta check` på den och rätta felen
diff-errors-in = fel i { $source }:

## Kommandoraden (cli/)

check-ok = ok: { $steps } steg på { $maps } kartor, { $pages } handläggarstöd, inga problem
check-counts = { $errors } fel, { $warnings ->
    [one] 1 varning
   *[other] { $warnings } varningar
}
build-refused-nothing-built = 1 fel: inget byggdes
build-nothing-built = { $errors } fel, { $warnings ->
    [one] 1 varning
   *[other] { $warnings } varningar
}: inget byggdes
build-render-failed = { $errors } fel: inget byggdes
build-waiting = ett annat bygge skriver till { $dir }, väntar tills det är klart (lås: { $lock })
build-done = byggde { $pages } sidor och { $maps } kartor på { $ms } ms → { $dir }
export-nothing-exported = { $errors } fel, { $warnings ->
    [one] 1 varning
   *[other] { $warnings } varningar
}: inget exporterades
serve-listening = visar webbplatsen på http://127.0.0.1:{ $port }/ (avsluta med Ctrl-C)
serve-changed = ändrat: { $files } —{" "}
serve-and-more = { $files } och { $n } till
serve-built = byggde { $pages } sidor på { $ms } ms
serve-rebuilt = byggde om på { $ms } ms ({ $pages } sidor)
serve-errors = modellen har fel (kontrollerad på { $ms } ms): visar fortfarande den senaste fungerande webbplatsen
serve-errors-no-site = modellen har fel (kontrollerad på { $ms } ms), och det finns ännu ingen fungerande webbplats att visa

## Kartornas mått i `check --verbose` och `build --verbose` (render/map)

layout-map-overview = översiktskartan
layout-map-subprocess = underprocessen { $id }
layout-figures = { $map }: { $steps } steg, { $arrows ->
    [one] 1 pil
   *[other] { $arrows } pilar
}, { $crossings ->
    [one] 1 korsning
   *[other] { $crossings } korsningar
}, { $bends } hörn, pilarna { $length } pt långa, { $width } × { $height } pt ({ $area } cm²), utskriven i { $scale } % (minsta text { $smallest } pt)
