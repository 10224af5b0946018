"""A Spanish -> English glossary of human-rights and public-policy words, for Spanish goals
and queries against the English texts of UPR recommendations.

Offline and small on purpose: phrases first ("trata de personas" -> "trafficking in
persons"), then single words (plural and feminine forms fall back to the base form),
then regular cognate endings ("-ción" -> "-tion", "-dad" -> "-ty") for words the glossary
lacks. Words it cannot place are kept as they are: the character n-gram signal still
meets cognates such as "discriminación"/"discrimination".
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import fold

_PHRASES_TEXT = """
derechos humanos = human rights
estado parte = state party
trata de personas = trafficking in persons
trata de seres humanos = human trafficking
explotacion sexual = sexual exploitation
explotacion laboral = labour exploitation
trabajo forzoso = forced labour
trabajo infantil = child labour
violencia domestica = domestic violence
violencia intrafamiliar = domestic violence
violencia de genero = gender-based violence
violencia contra las mujeres = violence against women
violencia contra la mujer = violence against women
violencia sexual = sexual violence
abuso sexual = sexual abuse
castigo corporal = corporal punishment
castigo fisico = corporal punishment
personas con discapacidad = persons with disabilities
personas en situacion de discapacidad = persons with disabilities
pueblos indigenas = indigenous peoples
personas indigenas = indigenous peoples
afrodescendientes = people of african descent
personas afrodescendientes = people of african descent
solicitantes de asilo = asylum seekers
personas refugiadas = refugees
personas migrantes = migrants
trabajadores migrantes = migrant workers
ninos ninas y adolescentes = children and adolescents
ninas ninos y adolescentes = children and adolescents
ninez y adolescencia = children and adolescents
personas menores de edad = children
menores de edad = children
personas jovenes = young people
personas adultas mayores = older persons
adultos mayores = older persons
personas mayores = older persons
personas lgbti = lgbti persons
orientacion sexual = sexual orientation
identidad de genero = gender identity
igualdad de genero = gender equality
equidad de genero = gender equity
perspectiva de genero = gender perspective
salud mental = mental health
salud sexual y reproductiva = sexual and reproductive health
salud reproductiva = reproductive health
atencion medica = health care
atencion de salud = health care
servicios de salud = health services
seguridad social = social security
proteccion social = social protection
seguridad ciudadana = public security
seguridad alimentaria = food security
agua potable = drinking water
vivienda adecuada = adequate housing
desercion escolar = school dropout
abandono escolar = school dropout
deserccion escolar = school dropout
matricula escolar = school enrolment
alimentacion escolar = school meals
comedores escolares = school meals
comedor escolar = school meals
educacion superior = higher education
educacion inclusiva = inclusive education
calidad de la educacion = quality of education
centros educativos = schools
mercado laboral = labour market
mercado de trabajo = labour market
empleo juvenil = youth employment
pena de muerte = death penalty
desaparicion forzada = enforced disappearance
desapariciones forzadas = enforced disappearances
personas desaparecidas = missing persons
tortura y otros tratos = torture and other treatment
malos tratos = ill-treatment
tratos crueles = cruel treatment
privacion de libertad = deprivation of liberty
privados de libertad = persons deprived of liberty
centros penitenciarios = prisons
centro penitenciario = prison
sistema penitenciario = prison system
prision preventiva = pre-trial detention
acceso a la justicia = access to justice
sistema de justicia = justice system
justicia penal = criminal justice
defensores de derechos humanos = human rights defenders
personas defensoras = human rights defenders
libertad de expresion = freedom of expression
libertad de prensa = freedom of the press
sociedad civil = civil society
institucion nacional de derechos humanos = national human rights institution
defensoria de los habitantes = ombudsman
discurso de odio = hate speech
a traves de = through
discursos de odio = hate speech
delitos de odio = hate crimes
crimenes de odio = hate crimes
discriminacion racial = racial discrimination
plan nacional = national plan
plan de accion = action plan
politica nacional = national policy
politicas publicas = public policies
politica publica = public policy
campanas de sensibilizacion = awareness-raising campaigns
campanas de concientizacion = awareness-raising campaigns
campanas de concienciacion = awareness-raising campaigns
toma de conciencia = awareness
transporte publico = public transport
espacios publicos = public spaces
zonas rurales = rural areas
areas rurales = rural areas
zonas costeras = coastal areas
bajos recursos = low-income
bajos ingresos = low-income
escasos recursos = low-income
menos recursos = fewer resources
situacion de vulnerabilidad = vulnerable situations
situacion de pobreza = poverty
pobreza extrema = extreme poverty
cambio climatico = climate change
medio ambiente = environment
delincuencia organizada = organized crime
crimen organizado = organized crime
trafico de drogas = drug trafficking
narcotrafico = drug trafficking
consumo de drogas = drug use
uso de drogas = drug use
prevencion del suicidio = suicide prevention
apoyo psicologico = psychological support
atencion psicologica = psychological support
a fin de = in order to
con el fin de = in order to
con el objetivo de = with the aim of
a traves de = through
por medio de = through
en particular = in particular
sobre todo = especially
asi como = as well as
todo tipo de = all types of
todas las formas de = all forms of
de forma = in a way
de manera = in a way
"""

_WORDS_TEXT = """
fomentar=promote promover=promote impulsar=promote garantizar=ensure asegurar=ensure velar=ensure
crear=create creacion=creation establecer=establish adoptar=adopt aprobar=adopt implementar=implement
aplicar=implement ejecutar=implement fortalecer=strengthen reforzar=strengthen redoblar=redouble
intensificar=intensify continuar=continue seguir=continue mejorar=improve ampliar=expand aumentar=increase
incrementar=increase reducir=reduce disminuir=reduce eliminar=eliminate erradicar=eradicate combatir=combat
luchar=combat lucha=fight prevenir=prevent prevencion=prevention sancionar=punish castigar=punish
investigar=investigate investigacion=investigation juzgar=prosecute enjuiciar=prosecute perseguir=prosecute
proteger=protect proteccion=protection apoyar=support apoyo=support brindar=provide proporcionar=provide
ofrecer=provide otorgar=grant facilitar=facilitate agilizar=expedite acelerar=expedite vigilar=monitor
monitorear=monitor monitoreo=monitoring supervisar=monitor seguimiento=follow-up evaluar=evaluate
desarrollar=develop elaborar=develop disenar=design capacitar=train capacitacion=training formacion=training
sensibilizar=raise-awareness sensibilizacion=awareness-raising concientizacion=awareness concienciacion=awareness
difundir=disseminate divulgar=disseminate denunciar=report denuncia=complaint denuncias=complaints
asignar=allocate destinar=allocate invertir=invest inversion=investment financiar=fund financiamiento=funding
financiacion=funding financiero=financial financiera=financial presupuesto=budget recursos=resources
recurso=resource integrar=integrate incorporar=incorporate incluir=include inclusion=inclusion
erradicacion=eradication eliminacion=elimination abordar=address atender=address enfrentar=address
responder=respond ratificar=ratify adherirse=accede armonizar=harmonize reformar=reform modificar=amend
derogar=repeal despenalizar=decriminalize tipificar=criminalize penalizar=criminalize revisar=review
derecho=right derechos=rights ley=law leyes=laws proyecto=draft normativa=regulations marco=framework
politica=policy politicas=policies programa=programme programas=programmes estrategia=strategy plan=plan
planes=plans medidas=measures medida=measure esfuerzos=efforts esfuerzo=effort acciones=actions
mecanismo=mechanism mecanismos=mechanisms sistema=system institucion=institution instituciones=institutions
centro=centre centros=centres espacio=space espacios=spaces servicio=service servicios=services
victima=victim victimas=victims sobreviviente=survivor agresor=perpetrator agresores=perpetrators
nino=child ninos=children nina=girl ninas=girls ninez=childhood infancia=childhood adolescente=adolescent
adolescentes=adolescents joven=young jovenes=young-people juventud=youth menores=children
mujer=women mujeres=women hombre=men hombres=men familia=family familias=families madre=mother madres=mothers
persona=persons personas=persons poblacion=population poblaciones=populations grupo=group grupos=groups
comunidad=community comunidades=communities sociedad=society ciudadania=citizens pueblo=people pueblos=peoples
indigena=indigenous indigenas=indigenous migrante=migrant migrantes=migrants refugiado=refugee
refugiados=refugees extranjero=foreigners extranjeros=foreigners minoria=minority minorias=minorities
discapacidad=disability discapacidades=disabilities estudiante=student estudiantes=students alumnos=students
docente=teacher docentes=teachers maestro=teacher maestros=teachers escuela=school escuelas=schools
colegio=school colegios=schools educacion=education educativo=educational educativa=educational
educativos=educational educativas=educational escolar=school escolares=school ensenanza=teaching
aprendizaje=learning beca=scholarship becas=scholarships estudios=studies estudiar=study materiales=materials
util=supplies utiles=supplies alimentacion=food alimentos=food comida=meals comidas=meals hambre=hunger
desnutricion=malnutrition pobreza=poverty pobre=poor pobres=poor desigualdad=inequality desigualdades=inequalities
ingresos=income empleo=employment empleos=jobs trabajo=work trabajos=jobs trabajador=worker
trabajadores=workers trabajadoras=workers desempleo=unemployment laboral=labour laborales=labour
oportunidades=opportunities oportunidad=opportunity salud=health sanitario=health hospital=hospital
hospitales=hospitals medico=medical medicos=doctors medicamentos=medicines enfermedad=disease
enfermedades=diseases tratamiento=treatment atencion=care cuidado=care cuidados=care psicologico=psychological
psicologica=psychological psicosocial=psychosocial rehabilitacion=rehabilitation suicidio=suicide
drogas=drugs droga=drugs consumo=use nocivos=harmful nocivo=harmful danino=harmful efectos=effects
vivienda=housing viviendas=housing agua=water saneamiento=sanitation transporte=transport
barato=cheaper baratos=cheaper barata=cheaper asequible=affordable accesible=accessible accesibilidad=accessibility
publico=public publica=public publicos=public publicas=public privado=private privada=private
violencia=violence violento=violent violencias=violence abuso=abuse abusos=abuse maltrato=abuse
acoso=harassment hostigamiento=harassment intimidacion=bullying matonismo=bullying bullying=bullying
agresion=assault agresiones=attacks ataques=attacks homicidio=homicide homicidios=homicides
asesinato=killing asesinatos=killings femicidio=femicide femicidios=femicide feminicidio=femicide
tortura=torture desaparicion=disappearance desaparecidos=disappeared detencion=detention detenidos=detainees
carcel=prison carceles=prisons prision=prison prisiones=prisons reclusos=prisoners presos=prisoners
hacinamiento=overcrowding policia=police policial=police policiales=police delegaciones=police-stations
comisarias=police-stations estaciones=stations fuerzas=forces seguridad=security corrupcion=corruption
impunidad=impunity justicia=justice judicial=judicial judiciales=judicial tribunal=court tribunales=courts
juez=judge jueces=judges fiscal=prosecutor fiscalia=prosecutor proceso=process procesos=processes
procedimiento=procedure procedimientos=procedures administrativos=administrative administrativo=administrative
penal=criminal penales=criminal delito=crime delitos=crimes crimen=crime crimenes=crimes caso=case casos=cases
discriminacion=discrimination discriminados=discriminated discriminadas=discriminated discriminatorio=discriminatory
racismo=racism xenofobia=xenophobia odio=hate estigma=stigma estigmatizacion=stigmatization
estereotipos=stereotypes igualdad=equality equidad=equity genero=gender sexual=sexual sexuales=sexual
trata=trafficking trafico=trafficking tratantes=traffickers explotacion=exploitation prostitucion=prostitution
esclavitud=slavery matrimonio=marriage matrimonios=marriages embarazo=pregnancy aborto=abortion
libertad=freedom libertades=freedoms expresion=expression prensa=press periodistas=journalists
reunion=assembly asociacion=association religion=religion religiosa=religious creencias=belief
defensores=defenders defensoras=defenders participacion=participation participar=participate voz=voice
voces=voices escuchar=heard escuchadas=heard escuchados=heard opinion=views tierra=land tierras=land
territorio=territory territorios=territories ambiente=environment ambiental=environmental climatico=climate
desastres=disasters nacionalidad=nationality apatridia=statelessness registro=registration nacimiento=birth
migracion=migration asilo=asylum frontera=border fronteras=borders deportacion=deportation
denunciar=report reportar=report registrar=record datos=data estadisticas=statistics informacion=information
acceso=access accesos=access calidad=quality cobertura=coverage infraestructura=infrastructure
estructuras=structures mejora=improvement mejoras=improvements rural=rural rurales=rural urbano=urban
zonas=areas zona=area regiones=regions region=region costeras=coastal nacional=national local=local
municipal=municipal municipios=municipalities gobierno=government estado=state autoridades=authorities
funcionarios=officials personal=personnel capacitado=trained capacitados=trained especializado=specialized
especializada=specialized especializados=specialized integral=comprehensive integrales=comprehensive
amplia=broader amplio=broader mayor=greater mayores=greater menor=less todos=all todas=all tipo=type tipos=types
forma=form formas=forms especialmente=especially particularmente=particularly inclusiva=inclusive
inclusivo=inclusive social=social sociales=social economico=economic economica=economic economicos=economic
cultural=cultural culturales=cultural civil=civil politico=political politicos=political
ambito=settings ambitos=settings entorno=environment entornos=settings continuar=continue continuidad=continuity
seguros=safe seguro=safe segura=safe seguras=safe riesgo=risk riesgos=risks emergencia=emergency
nocturno=night generar=create ayudar=help ayuden=help ayude=help permitir=allow puedan=can
hijos=children hijas=daughters padres=parents vulnerables=vulnerable vulnerable=vulnerable marginados=marginalized
obstruccion=obstruction ejecucion=execution seguimientos=follow-up procesamiento=prosecution
cumplimiento=compliance obligaciones=obligations compromisos=commitments recomendaciones=recommendations
consulta=consultation consultas=consultations previa=prior libre=free informado=informed
organizaciones=organizations organizacion=organization cooperacion=cooperation internacional=international
evitar=avoid mediante=through incluyendo=including viven=live vivir=live poder=able tasa=rate tasas=rates
estupefacientes=narcotics pais=country paises=countries dirigidos=targeted dirigidas=targeted dirigido=targeted
campana=campaign campanas=campaigns acompanamiento=support habilitar=enable realizar=carry-out cuentan=have
entrar=enter ingresar=enter policiacos=police policiaca=police supervision=supervision adquisicion=purchase
compra=purchase perjudicial=harmful dano=harm danos=harm objetivo=aim fin=aim incorporarse=integrate
integracion=integration sociedad=society darle=give dar=give mismos=same tratar=treat informar=inform
sin=without contar=have cuenta=has nuevos=new nueva=new nuevo=new existentes=existing vigente=current
vih=hiv sida=aids its=sti primaria=primary primario=primary secundaria=secondary secundario=secondary
preescolar=preschool universitaria=university universidad=university
"""

#: Spanish words without accents -> English (phrases are matched first).
PHRASES: dict[str, str] = {}
for _line in _PHRASES_TEXT.strip().splitlines():
    _es, _en = (part.strip() for part in _line.split("="))
    PHRASES[_es] = _en
WORDS: dict[str, str] = {}
for _pair in _WORDS_TEXT.split():
    _es, _en = _pair.split("=")
    WORDS[_es] = _en.replace("-", " ")

# Spanish function words: dropped in translation.
_FUNCTION = frozenset(
    """a al ante con contra de del desde el en entre hacia hasta la las lo los para por segun sin sobre tras
    un una unos unas y e o u que cual cuales quien se su sus sus este esta estos estas ese esa esos esas
    como mas muy tambien ya no ni si cada otro otra otros otras mismo misma le les donde cuando asi
    ser es son sea sean estar esta han ha haber hay""".split()
)

_COGNATE_ENDINGS = (
    ("ciones", "tions"), ("cion", "tion"), ("siones", "sions"), ("sion", "sion"), ("dades", "ties"), ("dad", "ty"),
    ("ismo", "ism"), ("ista", "ist"), ("istas", "ists"), ("encia", "ence"), ("ancia", "ance"), ("mente", "ly"),
    ("ivos", "ive"), ("ivas", "ive"), ("ivo", "ive"), ("iva", "ive"), ("osos", "ous"), ("oso", "ous"), ("osa", "ous"),
    ("icos", "ic"), ("icas", "ic"), ("ico", "ic"), ("ica", "ic"), ("ales", "al"), ("ares", "ar"), ("izar", "ize"),
    ("ificar", "ify"),
)

_PHRASE_PATTERN = None


def _phrase_pattern():
    global _PHRASE_PATTERN
    if _PHRASE_PATTERN is None:
        keys = sorted(PHRASES, key=len, reverse=True)
        _PHRASE_PATTERN = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b")
    return _PHRASE_PATTERN


@lru_cache(maxsize=50_000)
def translate_word(word: str) -> str:
    """One Spanish word (folded) in English: glossary, then plural/feminine, then cognate endings."""
    if word in _FUNCTION:
        return ""
    if word in WORDS:
        return WORDS[word]
    for suffix, replacement in (("es", ""), ("s", ""), ("as", "o"), ("a", "o"), ("os", "o")):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + replacement in WORDS:
            return WORDS[word[: len(word) - len(suffix)] + replacement]
    for ending, english in _COGNATE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + english
    return word


def translate(text: str) -> str:
    """A Spanish text in English words, good enough for retrieval (not for reading)."""
    folded = fold(text)
    folded = _phrase_pattern().sub(lambda m: " " + PHRASES[m.group(1)].replace(" ", "_") + " ", folded)
    out = []
    for token in re.findall(r"[a-z_\-]+", folded):
        if "_" in token:
            out.append(token.replace("_", " "))
            continue
        english = translate_word(token)
        if english:
            out.append(english)
    return " ".join(out)
