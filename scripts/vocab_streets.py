"""Common real street names per country for ``build_vocab.py`` (Faker only fakes them)."""

from __future__ import annotations


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace("\n", "|").split("|") if part.strip())


# Common real street names, with their type word; JP has no street addressing, so
# its entries are common romanized town (chō/machi) and avenue (dōri) names.
STREETS: dict[str, tuple[str, ...]] = {
    "US": _split("""
Main Street|Oak Street|Maple Avenue|Park Avenue|Pine Street|Cedar Lane|Elm Street|Washington Street
Lake Street|Hill Street|Walnut Street|Spring Street|North Street|Ridge Road|Church Street|Willow Lane
Mill Road|Broadway|Sunset Boulevard|Jefferson Avenue|Lincoln Avenue|Madison Avenue|Franklin Street
Jackson Street|Highland Avenue|Center Street|Market Street|Water Street|Union Street|Chestnut Street
Cherry Lane|Dogwood Drive|Forest Avenue|Meadow Lane|River Road|Valley Road|Lakeview Drive|Hillside Avenue
Grove Street|Prospect Avenue|Summit Avenue|Woodland Drive|Sycamore Street|Birch Road|Magnolia Drive
Commerce Street|Industrial Parkway|Technology Drive|Corporate Drive|Executive Boulevard|Innovation Way
Research Boulevard|College Avenue|University Avenue|School Street|Court Street|State Street|Front Street
Second Street|Third Street|First Avenue|Fifth Avenue|Pleasant Street|Green Street|King Street|Bridge Street
Railroad Avenue|Airport Road|Harbor Drive|Bay Street|Ocean Avenue|Mountain View Drive|Hickory Lane
Laurel Street|Spruce Street|Wilson Avenue|Adams Street|Monroe Street|Grant Avenue|Roosevelt Boulevard
Martin Luther King Jr. Boulevard|Liberty Street|Canal Street
"""),
    "CA": _split("""
Main Street|King Street West|Queen Street East|Yonge Street|Bay Street|Front Street West
Richmond Street West|Adelaide Street East|Dundas Street West|Bloor Street West|College Street|Spadina Avenue
University Avenue|Elgin Street|Bank Street|Sparks Street|Rideau Street|Wellington Street|Granville Street
West Hastings Street|Robson Street|West Georgia Street|Burrard Street|Howe Street|Jasper Avenue|Whyte Avenue
Portage Avenue|Barrington Street|Spring Garden Road|Water Street|Albert Street|Broadway|Macleod Trail
Stephen Avenue|Centre Street|Memorial Drive|Lakeshore Road|Sheppard Avenue East|Eglinton Avenue West
Lawrence Avenue|Finch Avenue|Dufferin Street|Bathurst Street|Kingsway|Lonsdale Avenue|Commercial Drive
Cambie Street|Victoria Street|Church Street|Oak Street|Maple Avenue|Cedar Street|Elm Street|Park Avenue
Pine Street|Birch Avenue|Lakeview Drive|Industrial Road|Hurontario Street|Rue Sainte-Catherine Ouest
Rue Sherbrooke Ouest|Boulevard René-Lévesque Ouest|Rue Saint-Jacques|Rue Notre-Dame Ouest|Rue Saint-Denis
Boulevard Saint-Laurent|Avenue du Parc|Rue Peel|Rue de la Montagne|Grande Allée Est|Rue Saint-Jean
Boulevard Laurier|Rue Principale
"""),
    "MX": _split("""
Paseo de la Reforma|Avenida Insurgentes Sur|Avenida Insurgentes Norte|Calle Francisco I. Madero
Avenida Juárez|Calle Hidalgo|Avenida Revolución|Calle Morelos|Calle Allende|Calle Guerrero|Calle Zaragoza
Avenida Constitución|Calle Independencia|Calle 5 de Mayo|Calle 16 de Septiembre|Avenida 20 de Noviembre
Avenida Benito Juárez|Avenida Miguel Hidalgo|Avenida Emiliano Zapata|Avenida Lázaro Cárdenas
Avenida Venustiano Carranza|Avenida Álvaro Obregón|Calle Vicente Guerrero|Avenida Universidad
Avenida Chapultepec|Calzada de Tlalpan|Boulevard Adolfo López Mateos|Boulevard Manuel Ávila Camacho
Periférico Sur|Anillo Periférico|Avenida Patriotismo|Avenida Vallarta|Avenida de las Américas
Avenida Constituyentes|Avenida Ejército Nacional|Avenida Presidente Masaryk|Calle Homero
Avenida Río Churubusco|Avenida División del Norte|Avenida Cuauhtémoc|Calle Durango|Calle Puebla
Calle Orizaba|Calle Tamaulipas|Calle Sonora|Calle Libertad|Avenida Tecnológico|Calle Pino Suárez
Calle Matamoros|Calle Abasolo|Calle Aldama|Calle Ocampo|Calle Galeana|Calle Mina|Calle Bravo|Calle Degollado
Avenida José Vasconcelos|Avenida Eugenio Garza Sada|Avenida Gonzalitos|Calzada Independencia|Avenida Patria
Avenida Colón|Avenida Central|Boulevard Kukulcán|Calle 60|Paseo de Montejo|Avenida Tulum|Privada Jardines
"""),
    "BR": _split("""
Avenida Paulista|Rua Augusta|Rua da Consolação|Rua Oscar Freire|Avenida Brigadeiro Faria Lima
Rua Haddock Lobo|Avenida Engenheiro Luís Carlos Berrini|Alameda Santos|Alameda Campinas|Rua XV de Novembro
Rua Sete de Setembro|Avenida Brasil|Rua Tiradentes|Rua Dom Pedro II|Avenida Getúlio Vargas
Rua Barão do Rio Branco|Avenida Rio Branco|Avenida Presidente Vargas|Rua Santos Dumont|Rua Rui Barbosa
Rua Marechal Deodoro|Rua Duque de Caxias|Rua Visconde de Mauá|Avenida Atlântica|Rua das Flores|Rua São Bento
Rua Direita|Rua Voluntários da Pátria|Rua da Assembleia|Avenida Afonso Pena|Avenida Amazonas
Avenida do Contorno|Rua da Bahia|Avenida Ipiranga|Avenida Borges de Medeiros|Avenida Sete de Setembro
Rua Chile|Avenida Boa Viagem|Avenida Conde da Boa Vista|Avenida Beira Mar|Rua Padre Anchieta|Rua Frei Caneca
Rua Bela Cintra|Avenida Rebouças|Avenida Ibirapuera|Avenida dos Bandeirantes|Rua Vergueiro|Avenida Jabaquara
Rua Pamplona|Rua Joaquim Floriano|Avenida Nove de Julho|Avenida Vinte e Três de Maio|Rua Boa Vista
Rua Líbero Badaró|Rua da Quitanda|Rua do Ouvidor|Rua Primeiro de Março|Rua do Catete
Avenida Nossa Senhora de Copacabana|Rua Visconde de Pirajá|Avenida das Américas|Praça da Sé
Avenida Cristóvão Colombo|Praça Tiradentes|Travessa do Comércio|Rua São José|Rua Benjamin Constant
Rua José Bonifácio|Rua Floriano Peixoto|Avenida Independência|Rua Bento Gonçalves
Avenida Senador Salgado Filho
"""),
    "GB": _split("""
High Street|Station Road|Main Street|Park Road|Church Road|Church Street|London Road|Victoria Road
Green Lane|Manor Road|Church Lane|Park Avenue|The Avenue|The Crescent|Queens Road|New Road|Grange Road
Kings Road|Kingsway|Windsor Road|Highfield Road|Mill Lane|Alexandra Road|Main Road|Broadway|Springfield Road
Victoria Street|School Lane|North Street|Albert Road|Stanley Road|Chester Road|York Road|Richmond Road
Mill Road|The Green|South Street|Queen Street|King Street|George Street|West Street|Market Street
Market Place|Bridge Street|Castle Street|Water Street|Union Street|New Street|Princes Street|Regent Street
Oxford Road|Cambridge Road|Manchester Road|Bath Road|Bristol Road|Albion Street|Wellington Road
Nelson Street|Brunswick Street|The Parade|Commercial Road|Commercial Street|Sandy Lane|Moor Lane
St John's Road|Belmont Road|Clarence Road|Hamilton Road|Grosvenor Road|Marlborough Road|Cavendish Road
Salisbury Road|Elm Grove|The Drive|Chapel Street|Gloucester Road
"""),
    "DE": _split("""
Hauptstraße|Schulstraße|Gartenstraße|Bahnhofstraße|Dorfstraße|Bergstraße|Birkenweg|Lindenstraße|Kirchstraße
Waldstraße|Ringstraße|Schillerstraße|Goethestraße|Am Sportplatz|Wiesenweg|Jahnstraße|Mühlenweg|Feldstraße
Amselweg|Buchenweg|Mozartstraße|Industriestraße|Gewerbestraße|Poststraße|Marktplatz|Marktstraße|Parkstraße
Kirchweg|Rosenstraße|Blumenstraße|Eichenweg|Tannenweg|Ahornweg|Kastanienallee|Lessingstraße|Beethovenstraße
Heinestraße|Uhlandstraße|Kantstraße|Friedrichstraße|Wilhelmstraße|Königstraße|Kaiserstraße|Luisenstraße
Karlstraße|Ludwigstraße|Leipziger Straße|Berliner Straße|Hamburger Straße|Frankfurter Straße|Kölner Straße
Am Markt|Neue Straße|Breite Straße|Lange Straße|Hafenstraße|Rathausplatz|Rathausstraße|Bismarckstraße
Moltkestraße|Mühlenstraße|Brückenstraße|Sonnenstraße|Kurfürstendamm|Unter den Linden|Maximilianstraße
Theodor-Heuss-Straße|Konrad-Adenauer-Straße|Friedrich-Ebert-Straße|Kennedyallee|Hansaring|Europaallee
Mainzer Landstraße|Zeppelinstraße|Robert-Bosch-Straße|Carl-Zeiss-Straße|Max-Planck-Straße|Siemensstraße
"""),
    "FR": _split("""
Rue de la République|Rue Victor Hugo|Rue Pasteur|Rue Jean Jaurès|Rue de la Paix|Rue Nationale|Avenue Foch
Boulevard Haussmann|Rue de l'Église|Place de la Mairie|Grande Rue|Rue du Moulin|Rue de la Gare
Avenue de la Gare|Rue des Écoles|Rue Gambetta|Rue du Général de Gaulle|Avenue Charles de Gaulle|Rue Voltaire
Rue Émile Zola|Rue Jules Ferry|Rue Carnot|Rue du Château|Rue de Paris|Rue de la Mairie|Rue des Lilas
Rue du Stade|Rue Principale|Rue de Verdun|Rue Anatole France|Rue Saint-Honoré|Rue de Rivoli
Avenue des Champs-Élysées|Boulevard Saint-Germain|Rue du Faubourg Saint-Antoine|Rue La Fayette|Rue de Lyon
Rue de la Liberté|Avenue Jean Jaurès|Boulevard Voltaire|Rue Molière|Rue des Jardins|Rue du Commerce
Rue de la Fontaine|Rue des Tilleuls|Rue du Port|Quai de la Tournelle|Place de la République
Boulevard de la Libération|Avenue de la République|Rue Pierre et Marie Curie|Rue Louis Pasteur
Rue Jean Moulin|Rue de Strasbourg|Rue de Metz|Rue Thiers|Rue Foch|Avenue Victor Hugo|Rue du 8 Mai 1945
Rue du 11 Novembre|Rue de la Poste|Cours Mirabeau|Cours Lafayette|Quai des Chartrons|Rue Saint-Martin
Rue Sainte-Catherine|Allée des Tilleuls|Impasse des Lilas|Chemin du Moulin|Route de Paris|Avenue de l'Europe
Rue de la Croix|Rue des Peupliers
"""),
    "ES": _split("""
Calle Mayor|Calle Real|Plaza Mayor|Calle de Alcalá|Gran Vía|Paseo de la Castellana|Calle de Serrano
Avenida de la Constitución|Calle Nueva|Calle de la Iglesia|Calle San José|Calle del Sol|Avenida de Andalucía
Calle Colón|Calle Cervantes|Calle de Goya|Calle de Velázquez|Calle de la Princesa|Paseo de Gracia
Avenida Diagonal|Rambla de Catalunya|Calle de Aragón|Calle de Balmes|Calle de Muntaner|Avenida del Puerto
Calle de la Paz|Calle Ancha|Calle Larga|Calle del Carmen|Calle de Santiago|Avenida de España
Avenida de Europa|Avenida de América|Calle de Atocha|Calle de Bravo Murillo|Calle de Orense
Calle de Príncipe de Vergara|Calle de Alberto Aguilera|Avenida de Burgos|Calle del Doctor Fleming
Calle de Francisco Silvela|Paseo de la Habana|Calle Sierpes|Calle Marqués de Larios|Alameda Principal
Avenida del Cid|Avenida Blasco Ibáñez|Calle de Ercilla|Alameda de Recalde|Calle del Coso
Paseo de la Independencia|Avenida de Madrid|Calle de Toledo|Calle de Segovia|Avenida de la Libertad
Calle de la Estación|Calle del Mercado|Calle de San Francisco|Calle de San Antonio|Calle de San Juan
Calle del Pilar|Calle del Molino|Plaza de España|Avenida de los Reyes Católicos|Calle de Isabel la Católica
Ronda de Atocha|Paseo del Prado|Calle de Zurbano|Avenida de Brasil
"""),
    "NL": _split("""
Kerkstraat|Dorpsstraat|Schoolstraat|Molenstraat|Stationsweg|Stationsstraat|Nieuwstraat|Markt|Julianastraat
Beatrixstraat|Wilhelminastraat|Oranjestraat|Emmastraat|Prins Bernhardstraat|Hoofdstraat|Kerkweg|Industrieweg
Parallelweg|Marktstraat|Sportlaan|Parkweg|Kastanjelaan|Eikenlaan|Lindenlaan|Beukenlaan|Berkenlaan|Acacialaan
Dorpsweg|Raadhuisstraat|Raadhuisplein|Havenstraat|Hoogstraat|Langestraat|Achterweg|Molenweg|Nieuweweg
Schoolweg|Kanaalweg|Dijkstraat|Koningin Wilhelminalaan|Prins Hendrikstraat|Prinses Irenestraat
Prinses Margrietstraat|Willem de Zwijgerlaan|Van Goghstraat|Rembrandtstraat|Vondelstraat|Herengracht
Keizersgracht|Prinsengracht|Singel|Damrak|Rokin|Kalverstraat|Coolsingel|Weena|Lijnbaan|Blaak|Lange Voorhout
Oudegracht|Catharijnesingel|Vestdijk|Gustav Mahlerlaan|Strawinskylaan|Johan Huizingalaan|De Boelelaan
Europalaan|Laan van Nieuw Oost-Indië|Graaf Florisstraat|Mercatorweg|Energieweg|Handelsweg|Stadhuisplein
Torenstraat|Veldweg|Weteringschans|Nassaulaan|Zuiderzeelaan|Koningsweg|Bosweg
"""),
    "IN": _split("""
MG Road|Mahatma Gandhi Road|Nehru Road|Station Road|Linking Road|Brigade Road|Park Street|Anna Salai
Residency Road|Hill Road|Church Street|Netaji Subhash Marg|Janpath|Sardar Patel Road|Ring Road
Outer Ring Road|Old Airport Road|Bannerghatta Road|Hosur Road|Sarjapur Road|Link Road|Jawaharlal Nehru Road
Rajaji Salai|Cathedral Road|Nungambakkam High Road|Lal Bahadur Shastri Marg|Swami Vivekananda Road
Senapati Bapat Marg|Pandurang Budhkar Marg|Veer Savarkar Marg|Dr Annie Besant Road|Marine Drive|Carter Road
Lokmanya Tilak Road|Baner Road|Fergusson College Road|Karve Road|Law College Road|Raj Bhavan Road
Begumpet Road|Sardar Patel Marg|Barakhamba Road|Kasturba Gandhi Marg|Aurobindo Marg|Golf Course Road
Sohna Road|Ashram Road|CG Road|Relief Road|Camac Street|Shakespeare Sarani|Ho Chi Minh Sarani
Chowringhee Road|Rash Behari Avenue|Infantry Road|Cunningham Road|Lavelle Road|Richmond Road|100 Feet Road
Avinashi Road|Trichy Road|Tilak Marg|Gandhi Road|Subhash Road|Nehru Place|Bhagat Singh Marg
Rajiv Gandhi Salai|Indira Gandhi Road|Hospital Road
"""),
    "JP": _split("""
Honcho|Sakaemachi|Saiwaicho|Midoricho|Asahicho|Kotobukicho|Nishikicho|Motomachi|Shinmachi|Minamimachi
Kitamachi|Higashimachi|Nishimachi|Chuo|Ekimae|Showacho|Heiwacho|Hikaricho|Sumiyoshicho|Matsubara|Miyamachi
Tenjincho|Hachimancho|Kasugacho|Sakuragicho|Wakabacho|Fujimicho|Hiyoshicho|Takasagocho|Tokiwacho|Nakamachi
Omachi|Kamimachi|Yanagimachi|Kajimachi|Konyamachi|Uomachi|Gofukumachi|Daikumachi|Sakaimachi|Minatomachi
Hamacho|Ichibancho|Nibancho|Sanbancho|Gobancho|Suehirocho|Bentencho|Tamachi|Hirokoji|Minami-Honcho
Kita-Honcho|Nishi-Honcho|Higashi-Honcho|Chuo-dori|Ekimae-dori|Sakura-dori|Kaigan-dori|Honcho-dori|Showa-dori
Heiwa-dori|Nishiki|Sakae|Shin-Sakae|Marunouchi|Otemachi|Nihonbashi|Kyobashi|Toranomon|Akasaka|Shiba|Umeda
Tenjin
"""),
    "AU": _split("""
George Street|Pitt Street|Collins Street|Bourke Street|Queen Street|King Street|Elizabeth Street
William Street|Macquarie Street|Castlereagh Street|Kent Street|Clarence Street|Sussex Street|York Street
Flinders Street|Swanston Street|Spencer Street|Exhibition Street|Lonsdale Street|St Kilda Road
Adelaide Street|Ann Street|Edward Street|Eagle Street|Albert Street|Margaret Street|Mary Street|Hay Street
Murray Street|St Georges Terrace|Wellington Street|North Terrace|Grenfell Street|Pirie Street
Waymouth Street|Chapel Street|Church Street|High Street|Main Street|Station Street|Victoria Street
Victoria Road|Pacific Highway|Parramatta Road|Military Road|Oxford Street|Crown Street|Bridge Road|Park Road
Railway Parade|The Esplanade|Beach Road|Marine Parade|Smith Street|Bay Street|Anzac Parade|Canterbury Road
Princes Highway|Sydney Road|Burwood Road|Glenferrie Road|Toorak Road|Commercial Road|Stirling Highway
Hindley Street|Rundle Street|Northbourne Avenue|London Circuit|Macleay Street|Phillip Street|Hunter Street
Bligh Street|Market Street|Liverpool Street|Bathurst Street|Harris Street|Miller Street|Walker Street
Berry Street
"""),
}
