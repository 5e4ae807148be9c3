"""More Brazilian surnames and given names for ``vocab_curated.EXTRA_NAMES["BR"]``: Faker 40.63.0 ships 122.

Brazil's surnames are concentrated (Silva, Santos, Oliveira, Souza… lead every ranking), but past
the first hundred there is a long tail of Portuguese toponymic and devotional names and the
Italian, German and Lebanese names of the 19th/20th-century immigration. With 122 surnames a
10,000-contact Brazilian base repeats full names visibly (262 expected triples); these names,
weighted by rank behind the curated head (``EXTRA_RANK_OFFSETS``), give it a tail (23).
The lists are common Brazilian names entered by hand, not a frequency ranking: their order sets
only their (nearly flat) weights, so the head stays Silva, Santos, Oliveira.
"""

from __future__ import annotations

SURNAMES = """
Araújo Barros Batista Borges Braga Brito Campos Castro Cavalcanti Cavalcante Correia Cruz Duarte Farias
Fonseca Freire Garcia Lacerda Macedo Magalhães Marinho Matos Melo Menezes Monteiro Moraes Morais Moura
Neves Nogueira Novaes Pacheco Paiva Peixoto Pinheiro Pinto Queiroz Reis Sales Sampaio Siqueira Tavares
Toledo Valente Vasconcelos Xavier Abreu Aguiar Albuquerque Alencar Alvarenga Amorim Antunes Aragão Arruda
Assis Ávila Azevedo Bandeira Barreto Bittencourt Bonfim Brandão Cabral Caldeira Camargo Carneiro Chagas
Cordeiro Couto Damasceno Diniz Esteves Falcão Faria Feitosa Figueira Franco Frota Furtado Galvão Godoy
Guerra Holanda Jardim Lago Leal Leão Lemos Leme Lins Lobo Louzada Lustosa Maciel Maia Malta Mariano
Meireles Mesquita Montenegro Mourão Muniz Nóbrega Pedrosa Peres Pires Portela Prates Rabelo Rangel
Rebouças Resende Rezende Rios Romero Salgado Seixas Serra Silveira Simões Sobral Teles Torres Trindade
Valadares Valença Veloso Venâncio Viana Vidal Vilela Aires Bragança Brum Cerqueira Conceição Cotrim Dutra
Fagundes Fontes Fragoso Gouveia Guedes Jordão Lobato Lourenço Lucena Mattos Mendonça Morato Noronha Oliva
Pimentel Pimenta Quaresma Rosário Sabino Senna Severo Sodré Souto Tenório Uchoa Varela Vaz Ventura
Werneck Bernardes Bueno Campelo Cirino Custódio Domingues Escobar Evangelista Galdino Gusmão Honorato
Inácio Jacinto Justino Lisboa Madeira Matias Moreno Neiva Nobre Paixão Paranhos Patrício Pessoa Prestes
Quirino Ramalho Rossi Sacramento Santiago Serafim Tomé Vargas Zanella Bertoldi Colombo Ferrari Fontana
Marchetti Moretti Pellegrini Ricci Russo Bianchi Romano Conti Esposito Mancini Lombardi Barbieri
Schneider Becker Weber Klein Wagner Hoffmann Schultz Koch Richter Fischer Haddad Salomão Khoury Nassar
Abdala Saad Calil Maluf Amaral Andrade Assunção Belo Bento Bessa Bezerra Brasil Canuto Castilho Coutinho
Crespo Cristóvão Dorneles Espíndola Estrela Faustino Félix Fidalgo Flores Fortes Freitas Gadelha Gama
Garrido Goulart Gregório Herrera Hora Ibiapina Jatobá Lessa Linhares Lira Loureiro Luna Magno Mamede
Marcondes Maranhão Medeiros Mello Milani Molina Mota Nascimento Nepomuceno Nolasco Oliveira Ornelas
Pacífico Pádua Parente Passos Pereira Perez Pestana Pontes Porto Queirós Rêgo Ribas Rocha Sarmento
Sena Sequeira Soares Tavora Teixeira Vale Valle Viegas Vieira Vilar Zago Zampieri
"""

# Given names common among Brazilians of working age (born 1960-2000), to widen Faker's list,
# which favours recent baby names (Agatha, Alana, Alexia…).
MALE = """
Adriano Alessandro Alexandre Anderson André Antônio Arthur Augusto Benedito Bernardo Caio Cláudio
Cristiano Davi Diego Diogo Edson Elias Emerson Everton Fabiano Fábio Fernando Flávio Francisco Geraldo
Gilberto Guilherme Gustavo Hélio Henrique Hugo Igor Ivan Jefferson Joaquim Jorge José Júlio Juliano
Leandro Leonardo Luan Marcelo Márcio Marcos Mário Matheus Maurício Murilo Nelson Otávio Paulo Renan
Renato Ricardo Roberto Robson Rogério Ronaldo Samuel Sebastião Sérgio Thiago Valdir Vinícius Vitor
Wagner Washington Wellington Wesley Willian Cleber Denilson Edmilson Evandro Fabrício Gerson Gilson
Jairo Josué Luciano Marcelino Moisés Nilton Osvaldo Reinaldo Rubens Sandro Silvio Valter Vanderlei
"""

FEMALE = """
Adriana Alessandra Aline Amanda Andréia Ângela Antônia Bárbara Beatriz Bianca Bruna Camila Carla
Carolina Cecília Clara Cláudia Cristina Daniela Débora Denise Elaine Eliane Elisângela Fabiana
Fernanda Flávia Francisca Gabriela Giovana Helena Isabela Jéssica Joana Juliana Júlia Karina Kátia
Larissa Laura Letícia Lívia Lorena Luana Luciana Márcia Mariana Marina Michele Natália Patrícia Paula
Priscila Rafaela Raquel Rebeca Regina Renata Roberta Rosana Sabrina Sandra Simone Sônia Tatiane Tânia
Valéria Vanessa Vera Viviane Cristiane Daiane Edilene Gisele Jaqueline Josiane Luciene Marlene Rosângela
Silvana Solange Suely Tereza Vânia Andressa Carina Cíntia Débora Kelly Mônica Rose Sheila Thaís
"""

MORE_BR: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = (
    tuple(MALE.split()),
    tuple(FEMALE.split()),
    tuple(SURNAMES.split()),
)
