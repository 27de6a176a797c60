package seed_test

// docEngagementCounts: per fiche, per side, the number of engagements,
// actions and livrables printed in the COG’s tables, counted from the text
// by a second reader who never saw the data file.
// État tables only have engagements (columns N° d’engt, Engagement, Échéances), hence 0 actions and 0 livrables.
type docCount struct{ Engagements, Actions, Livrables int }

var docEngagementCounts = map[int]struct{ Caisse, Etat docCount }{
	1: {Caisse: docCount{4, 8, 24}, Etat: docCount{2, 0, 0}},
	2: {Caisse: docCount{4, 9, 13}, Etat: docCount{3, 0, 0}},
	// Caisse: engagement 1 is printed twice (table split over two pages, 1.3 on the second); counted once.
	3: {Caisse: docCount{3, 7, 10}, Etat: docCount{1, 0, 0}},
	4: {Caisse: docCount{5, 12, 16}, Etat: docCount{3, 0, 0}},
	5: {Caisse: docCount{4, 11, 11}, Etat: docCount{4, 0, 0}},
	6: {Caisse: docCount{4, 7, 11}, Etat: docCount{2, 0, 0}},
	// No État table in this fiche.
	7: {Caisse: docCount{3, 8, 15}, Etat: docCount{0, 0, 0}},
	// Caisse livrables: "1.2.1" is printed twice with two different wordings: under action 1.1
	// ("Déploiement de la liquidation automatique et des assistants digitaux", presumably a misprint
	// for 1.1.2) and under action 1.2 ("Déploiement des jumelages de production ..."). Counted as two
	// livrables (25 rows); counting distinct numbers would give 24. Also, 2.1.1's cell has a second
	// unnumbered line "Adaptation de ce programme sur chaque territoire", counted inside 2.1.1.
	// No État table in this fiche.
	8: {Caisse: docCount{4, 18, 25}, Etat: docCount{0, 0, 0}},
	// Caisse livrable 5.3.1's cell holds three sentences (instruction, outils, tableau de bord); one livrable.
	9: {Caisse: docCount{5, 16, 17}, Etat: docCount{7, 0, 0}},
	// Caisse: engagement 2 printed twice (continued on the next page, actions 2.5-2.6); counted once.
	// État: the first engagement is printed "11" (followed by 2, 3, 4, 5); read as 1, so 5 engagements.
	10: {Caisse: docCount{5, 18, 32}, Etat: docCount{5, 0, 0}},
	11: {Caisse: docCount{4, 16, 25}, Etat: docCount{2, 0, 0}},
	// Caisse: unnumbered lines "Plan QVT 2023 / 2027" (after 4.2.1) and "Rénovation du pilotage"
	// (after 5.1.2) are not counted as separate livrables; only numbered livrables are counted.
	// État: the single engagement is printed "11"; read as 1.
	12: {Caisse: docCount{6, 15, 19}, Etat: docCount{1, 0, 0}},
	// Caisse: engagement 2 and action 2.1 printed twice (2.1.1-2.1.7 then 2.1.8-2.1.13 on the next page); counted once.
	13: {Caisse: docCount{3, 6, 28}, Etat: docCount{1, 0, 0}},
	// No État table in this fiche.
	14: {Caisse: docCount{3, 6, 8}, Etat: docCount{0, 0, 0}},
	15: {Caisse: docCount{4, 7, 12}, Etat: docCount{2, 0, 0}},
	// Fiche 16 has no engagement table: both headings are followed only by "Le suivi des engagements
	// liés à la transition écologique est assuré via les tableaux contenus dans l’ensemble des autres fiches."
	16: {Caisse: docCount{0, 0, 0}, Etat: docCount{0, 0, 0}},
}

type docLabel struct {
	Fiche int
	Side  string // "caisse" or "etat"
	N     string // "1", "1.2", "1.2.3" as printed
	Label string // exact wording
}

// docEngagementLabels: a sample typed from the text.
// Notes: fiche 2 livrable 4.2.1 keeps the no-break space (U+00A0) printed after «;
// fiche 1 livrable 4.1.3 keeps the printed "à la mise œuvre" (sic); fiche 9 action 1.3 and
// fiche 13 livrable 2.2.1 keep the straight apostrophes (') printed there.
// Fiche 12 État engagement is printed "11" and is typed here as "1".
var docEngagementLabels = []docLabel{
	{1, "caisse", "1", "Garantir à tous les parents un égal accès à l’information et une offre d’orientation et d’accompagnement tenant compte de leurs besoins et de ceux de leurs enfants"},
	{1, "caisse", "2", "Contribuer à développer et pérenniser des places d’accueil individuel et collectif pour garantir aux familles une offre en tout point du territoire"},
	{1, "caisse", "2.2.1", "Déploiement d’une formation généraliste Petite enfance au sein du réseau des Caf, renforcement des démarches proactives de soutien aux EAJE en difficulté (IDA) et développement des capacités d’accompagnement en ingénierie de la Branche"},
	{1, "caisse", "2.2.5", "Renforcement du soutien à l’exercice et au maintien dans l’emploi des assistants maternels : prime d’installation, renouvellement du soutien financier aux maisons d’assistants maternels et aux crèches familiales"},
	{1, "caisse", "2.3", "Définir des objectifs de contractualisation entre les Caf et les collectivités territoriales permettant de mettre en œuvre sur tous les territoires un schéma de développement et de maintien des modes d’accueil en contrepartie de financements bonifiés et d’un accompagnement renforcé en ingénierie"},
	{1, "caisse", "4.1.3", "Diffusion d’outils d’accompagnement à la mise œuvre de la Charte nationale d’accueil du jeune enfant et du cadre normatif rénové au profit des gestionnaires et porteurs de projet de modes d’accueil collectif"},
	{1, "caisse", "4.2.3", "Accompagnement des démarches ambitieuses d’accompagnement de la qualité d’accueil auprès des assistants maternels"},
	{1, "etat", "1", "Renforcer l’attractivité des métiers de la petite enfance et lutter contre la pénurie de professionnels en mobilisant l’ensemble des acteurs (comité de filière)"},
	{1, "etat", "2", "Consolider la gouvernance locale et nationale des modes d’accueil et définir les orientations quantitatives et qualitatives nationales en matière d’accueil du jeune enfant"},
	{2, "caisse", "1", "Soutenir le maintien et le développement des accueils péri et extrascolaires"},
	{2, "caisse", "1.1.1", "Restauration de la possibilité de développement d’actions enfance-jeunesse dans le cadre du bonus territoire CTG « ACM/accueils de jeunes »"},
	{2, "caisse", "3.1.1", "Permettre le développement des nouveaux séjours de vacances collectifs : dégel du développement du bonus territoire CTG « séjours »"},
	{2, "caisse", "4.1", "Soutenir les acteurs de proximité pour développer des activités de loisirs en priorisant les publics les plus éloignés de ces pratiques"},
	{2, "caisse", "4.2.1", "Intégrer la dimension «\u00a0développement durable » dans les financements au titre des associations nationales"},
	{2, "etat", "1", "Renforcement des PEDT afin de favoriser le déploiement des plans mercredi et plus globalement la structuration des politiques éducatives territoriales"},
	{2, "etat", "3", "Renforcement du lien avec les ARS et les conseils départementaux pour le financement des pôles ressources handicap"},
	{3, "caisse", "1", "Structurer et développer une offre d’accompagnement et d’information adaptée aux besoins des adolescents et des jeunes"},
	{3, "caisse", "1.2", "Renforcer le soutien en direction des lieux « ressources » pour les jeunes via l’accompagnement et le développement des points accueil écoute jeunes (Paej)"},
	{3, "caisse", "1.3.1", "Poursuite du déploiement des Promeneurs du net jeunesse en lien avec les PDN parentalité"},
	{3, "caisse", "2.1.1", "Accompagner la création de places nouvelles en FJT et augmenter de 6% la PS sur la fonction socio-éducative"},
	{3, "caisse", "2.3.2", "Mise en place d’une téléprocédure pour la demande d’aide dématérialisée articulée à la plateforme « Bafa/Bafd.gouv »"},
	{3, "caisse", "3.1.1", "Design d’un parcours et déploiement dans le réseau des Caf"},
	{3, "etat", "1", "Faciliter la coordination avec les ARS et les collectivités territoriales dans le financement des Paej jeunes (Paej)"},
	{4, "caisse", "1", "Soutenir les parents dès l’arrivée de l’enfant par une action coordonnée avec le futur service universel d’accueil du jeune enfant et la démarche « 1000 premiers jours »"},
	{4, "caisse", "3.2.2", "Poursuivre le soutien au départ en vacances familiales en invitant les Caf à mettre en place une aide au transport en complément des aides aux séjours dans le cadre de la mission nationale « Vacaf »"},
	{4, "caisse", "4.1.1", "Révision du référentiel national de la médiation familiale au regard de la diversité du périmètre (milieu carcéral, aidant-aidés, parents/adolescents, ...)"},
	{4, "caisse", "5.2", "Construire et produire régulièrement un indicateur permettant le suivi du taux de récupération de l’ASF versée en tant qu’avance de pension alimentaire"},
	{4, "caisse", "5.2.1", "Construction et production de l’indicateur"},
	{4, "etat", "2", "Renforcer les dynamiques partenariales nécessaires au développement des services de médiation familiale et des espaces rencontres"},
	{4, "etat", "3", "Etudier l’élargissement de l’ASF non recouvrable aux modalités amiables de fixation des pensions alimentaires (médiation familiale, divorce par consentement mutuel, titre exécutoire Caf)"},
	{5, "caisse", "1", "Soutenir les partenaires et garantir la pérennité des offres de services existantes"},
	{5, "caisse", "1.2.1", "Plan d’action et d’accompagnement du Cepaje en faveur des Caf pour soutenir les projets de création des structures d’accueil petite enfance et des équipements en difficultés"},
	{5, "caisse", "3.2.1", "Définition des conditions de mobilisation d’acomptes ou aides ponctuelles de fonctionnement adaptés pour soutenir le démarrage de l’activité des partenaires. Suivi des projets bénéficiaires et de leur devenir"},
	{5, "caisse", "4", "Organiser l’expérimentation et l’innovation comme cadre possible de l’action pour permettre une adaptation au plus proche des réalités locales et de leurs contraintes"},
	{5, "caisse", "4.1", "Organiser l’expérimentation comme cadre possible de l’action des Caf pour permettre une adaptation au plus proche des réalités locales"},
	{5, "caisse", "4.2.1", "Diagnostics territoriaux et dialogue de gestion entre les caisses et la Cnaf"},
	{5, "etat", "1", "Appuyer la Cnaf dans la mobilisation des fédérations nationales en faveur du développement quantitatif et qualitatif de leur réseau et de leurs actions dans les outre-mer"},
	{5, "etat", "2", "Appuyer la Branche dans l’adaptation de son cadre d’intervention dans les outre-mer pour faciliter le déploiement des politiques familiales et sociales et des politiques publiques"},
	{6, "caisse", "1", "Renforcer le partenariat avec les bailleurs sociaux"},
	{6, "caisse", "2.1", "Renforcer l’information en faveur des bailleurs et allocataires afin de favoriser les signalements précoces d’impayés de loyer en partenariat avec les acteurs de prévention et de traitement des impayés"},
	{6, "caisse", "2.1.2", "Définition dans chaque Caf d’un plan local de communication et d’information à destination des bailleurs (sociaux et privés) et allocataires"},
	{6, "caisse", "3", "Contribuer à la lutte contre la non-décence"},
	{6, "caisse", "3.2.1", "Diffuser les instructions au réseau sur le nouveau périmètre de non-décence"},
	{6, "caisse", "4.1.2", "Contribution nationale au soutien financier des projets locaux en faveur des publics fragiles et en difficulté"},
	{6, "etat", "1", "Accompagner le déploiement du service numérique histologe sur le territoire"},
	{7, "caisse", "1", "Mettre en œuvre les réformes associées aux politiques du handicap, de l’autonomie et de la solidarité"},
	{7, "caisse", "1.2.2", "Généraliser les échanges dématérialisés avec les MDPH : transmissions par les Mdph des demandes et des décisions Cdaph (sous réserve de déploiement des flux par chaque Mdph)"},
	{7, "caisse", "2.1", "Centrer l’activité du travail social sur le socle national d’intervention et développer l’accompagnement des ruptures familiales, notamment pour les situations de deuil, les séparations et les violences conjugales"},
	{7, "caisse", "3.1.1", "Mettre en œuvre les adaptations à venir sur la règlementation RSA (adaptation des sanctions et facilitation de l’inscription des demandeurs d’emploi – lien avec la téléprocédure RSA)"},
	{7, "caisse", "3.2.1", "Aider à la construction d’offres de service adaptées sur les territoires, en lien avec France travail"},
	{8, "caisse", "1", "Revenir à puis garantir un service de base plus satisfaisant pour nos allocataires"},
	{8, "caisse", "1.1", "Réduire les délais de traitement des dossiers des allocataires"},
	{8, "caisse", "1.3.1", "Poursuivre l’expérimentation et en particulier l’évaluation de cette nouvelle organisation de la production sur la base des retours des Caf expérimentales"},
	{8, "caisse", "1.4", "Déployer l’approche populationnelle comme organisation socle de la production du service : Généralisation"},
	{8, "caisse", "1.4.1", "100% des Caf en approche populationnelle au moins partielle"},
	{8, "caisse", "3.1.1", "Déclinaison formalisée du socle de service par chaque Caf"},
	{8, "caisse", "3.3", "Confirmer les parcours attentionnés de travail social des Caf dans le référentiel du service socle sur le périmètre défini par la doctrine nationale"},
	{8, "caisse", "4.4.5", "Mise en œuvre du service de co-navigation"},
	{8, "caisse", "4.6.1", "Programme de transition"},
	{9, "caisse", "1", "Simplifier le parcours déclaratif des usagers"},
	{9, "caisse", "1.3", "En lien avec les autres Branches, en s'appuyant sur les expériences mises en œuvre au niveau local, sur les démarches d’écoute usager et d’ingénierie des processus, étudier les conditions d'amélioration des parcours usagers et de création de nouveaux parcours entre les Branches au sein de la Sécurité sociale, et ce en cohérence avec les services du PNDS. Faire des propositions pour renforcer la visibilité de ces parcours auprès des usagers et en particulier au sein du PNDS et des outils propres à chaque caisse"},
	{9, "caisse", "1.5.1", "Expérimentation adossement DRM à blanc pour 10 Caf puis calcul au réel RSA/PPA en pré-séries progressives sur quelques Caf puis généralisation France entière"},
	{9, "caisse", "1.6.1", "Concevoir et expérimenter la « Demande unique de prestations et de services »"},
	{9, "caisse", "2.2.1", "Mener des campagnes datamining d’accès aux droits à partir des données DRM puis construire un moteur d’éligibilité SI pour mener des campagnes automatiques"},
	{9, "caisse", "5.3.1", "Instruction au réseau décrivant les modalités de gestion et suivi. Construction des outils allocataires et agents, nécessaires à la mise en œuvre du processus défini Tableau de bord de suivi des anomalies"},
	{9, "etat", "7", "Les travaux d’amélioration et de création de parcours interbranches feront l’objet d’un pilotage par les services de l’État notamment à travers la mise en place d’un comité de pilotage semestriel"},
	{10, "caisse", "1", "Continuer l’investissement indispensable dans la lutte contre la fraude"},
	{10, "caisse", "2", "Renforcer la qualité des paiements aux allocataires et préparer l’adaptation de la politique de prévention et de contrôle aux nouveaux modes de délivrance des prestations"},
	{10, "caisse", "2.1.2", "Mettre en œuvre le plan d’amélioration de la qualité sur les données entrantes (renforcer les moyens dédiés au contrôle, repenser le dispositif de supervision des activités de contrôle, diffusion du processus M4...)"},
	{10, "caisse", "2.2", "Renforcer l’efficience de l’activité de contrôle dans le cadre d’une démarche favorisant toujours plus la garantie des droits des allocataires"},
	{10, "caisse", "2.5.3", "Mieux guider le vérificateur et intégrer les protocoles de contrôle directement dans l’outil pour une meilleure exploitation des sources d’erreur"},
	{10, "caisse", "5.2.1", "Renforcer le dispositif de contrôle sur place des aides d’action sociale en intégrant les évolutions en matière de sanctions administratives"},
	{10, "etat", "4", "Poursuivre les travaux de mise à disposition de nouveaux portails dans le cadre de la lutte contre les erreurs et la fraude (dont la fraude à la résidence)"},
	{10, "etat", "5", "Favoriser l’évolution des textes réglementaires et/ou législatifs afin d’adapter les procédures à la recouvrabilité des créances dans une logique d’efficience"},
	{11, "caisse", "1", "Accompagner les projets de territoires avec les partenaires et les élus locaux"},
	{11, "caisse", "2.1.1", "Poursuivre le développement des structures d’animation de la vie sociale et dans les territoires sous-couverts"},
	{11, "caisse", "3", "Garantir le bon fonctionnement du réseau et de chaque Caf départementale en mobilisant les coopérations intra et interbranches et avec les partenaires locaux"},
	{11, "caisse", "3.2", "Garantir l’homogénéité du service apporté aux allocataires sur l’ensemble du territoire en mobilisant les dispositifs de coopération et mutualisation les plus adaptés, notamment les jumelages de production entre caisses, afin de résoudre des disparités structurelles existant entre les organismes et de consolider l’offre de service de base des Caf sur tout le territoire national"},
	{11, "caisse", "3.5.1", "Conduire une analyse de l’opportunité/faisabilité de gérer de façon mutualisée les nouvelles missions confiées à la Branche"},
	{11, "caisse", "4.2.1", "Définition d’une politique nationale sur le sujet et lancement d’appels à projets spécifiques"},
	{11, "etat", "2", "Renforcer le soutien de l’État pour mobiliser les acteurs territoriaux auprès de la branche Famille dans le cadre des partenariats structurants (SDSF, PEDT, expérimentations)"},
	{12, "caisse", "1", "Renforcer la capacité à recruter, intégrer et fidéliser les collaborateurs de la BF dans le cadre d’une stratégie nationale de marque employeur"},
	{12, "caisse", "1.3.1", "Réalisation d’un bilan des CQP (certificat de qualification professionnelle) et définition d’une politique de formation rénovée et des plans d’action associés"},
	{12, "caisse", "4", "Faire de la politique de qualité de vie et des conditions de travail (QVCT) un facteur de mobilisation durable de nos ressources et de performance"},
	{12, "caisse", "4.2", "Maintenir l’effort collectif de la Branche en termes de RSO, d’inclusion et de promotion de la diversité"},
	{12, "caisse", "6.1.1", "Respecter un seuil minimal de 50% de véhicules à faible émission lors du renouvellement (acquisition ou location de longue durée)"},
	{12, "caisse", "6.4.1", "Transmission du bilan carbone par voie électronique sur la plateforme de l’Ademe tous les 4 ans pour les Caf de plus de 500 salariés et tous les 3 ans pour la Cnaf EP"},
	{12, "etat", "1", "Soutenir et animer les actions interbranches pour la transition écologique de la Sécurité sociale"},
	{13, "caisse", "1", "Mettre en œuvre les évolutions technologiques du système d’information"},
	{13, "caisse", "1.1.1", "Produire et diffuser semestriellement à la tutelle avancement, reste à faire et roadmap de la modernisation du SI en préparation du décommissionnement Cristal sur la prochaine COG"},
	{13, "caisse", "2", "Mettre en œuvre les projets du SDSI nécessaires à la réalisation de la COG et du SSSI"},
	{13, "caisse", "2.1.8", "Mise en place d’un socle Démarche (pour automatiser la liquidation et distribuer les activités dans le plan de travail des agents Caf)"},
	{13, "caisse", "2.2", "Prendre en charge les aspects SI des projets attribués à la Cnaf en tant que cheffe de file dans le cadre du SSSI"},
	{13, "caisse", "2.2.1", "Définition et normalisation des modalités d'échanges avec les acteurs étatiques"},
	{13, "caisse", "3.1.1", "Réalisation des projets du SDSI selon les échéances prévues"},
	{13, "etat", "1", "Etudier la mise en place d’une gouvernance de la cybersécurité en interbranche, en articulation avec le Cert Sécurité Sociale animé par la Cnam et avec les dispositifs de supervision et d’administration de la sécurité mis en place au sein de chaque caisse"},
	{14, "caisse", "1", "Conduire des programmes d’innovation pour augmenter l’impact des Caf sur leurs territoires"},
	{14, "caisse", "1.1.3", "Ateliers avec les jeunes et leurs parents pour comprendre leurs besoins et les intégrer dans le parcours jeunes interbranches"},
	{14, "caisse", "2.1", "Etendre l’association des usagers pour mieux comprendre leurs besoins et concevoir des offres adaptées, simples et accessibles"},
	{14, "caisse", "3.1.1", "Compléter le déploiement des correspondants innovation dans les Caf"},
	{14, "caisse", "3.3.1", "Identifier, mettre en place et activer une méthode de prospective pour innover"},
	{15, "caisse", "1", "Mettre en œuvre les différents piliers de la Gouvernance des données et la traduire par des usages effectifs"},
	{15, "caisse", "1.1.2", "Modernisation progressive des référentiels de données socles (référentiel des agents, référentiel des tiers personnes morales, et initialisation du référentiel des personnes physiques en fin de COG)"},
	{15, "caisse", "1.2.3", "Rationaliser la mise à disposition des données individuelles sur les allocataires au service statistique public (SSP) en en centralisant la transmission à l’Insee"},
	{15, "caisse", "3.1", "Optimiser l’exploitation des données de notre système d’informations décisionnel (SID) pour renforcer notre connaissance des allocataires et mieux répondre à leurs besoins"},
	{15, "caisse", "4.2.2", "Mettre en place trois partenariats de recherche"},
	{15, "etat", "2", "Piloter un système organisé d’administration de la qualité des données partagées pour la délivrance des prestations et services de la sphère sociale"},
}

// docEachCafLivrables: caisse-side livrables whose wording puts the work on each Caf.
var docEachCafLivrables = []struct {
	Fiche int
	N     string
}{
	{6, "2.1.2"}, // Définition dans chaque Caf d’un plan local de communication ...
	{8, "1.4.1"}, // 100% des Caf en approche populationnelle au moins partielle
	{8, "3.1.1"}, // Déclinaison formalisée du socle de service par chaque Caf
}
