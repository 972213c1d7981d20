"""Common given names, for finding people's names in running text.

A capitalised word is a person's name far more often when it is a known given name, and a
capitalised pair ("Marco Silva") when its first word is one. The list spans the languages
interviews are held in; names that are also ordinary English words or places ("Will",
"Mark", "May", "Grace", "Austin", "Chase", "Hunter") are left out, since a capitalised word
at the start of a sentence would too often be one of those.
"""

from __future__ import annotations

from typing import Final

__all__ = ["GIVEN_NAMES"]

_NAMES = """
Aaron Abdul Abdullah Abel Abigail Abraham Adaeze Adam Adebayo Adele Adeola Adrian Adriana
Adrienne Afua Agnes Agnieszka Ahmad Ahmed Aidan Aiko Aisha Akin Akira Akosua Alan Alba
Albert Alberto Alejandra Alejandro Aleksandr Aleksandra Alessandra Alessandro Alex Alexander
Alexandra Alexandre Alexei Alexis Alfonso Alfred Ali Alice Alicia Alina Alison Allison Alma
Alvaro Amal Amanda Amara Amelia Amina Amir Amit Amy Ana Anand Anastasia Anders Andre Andrea
Andreas Andrei Andres Andrew Andrzej Andy Aneta Angela Angelica Angelo Anika Anil Anita Anja
Anjali Ann Anna Anne Annika Anthony Antoine Anton Antonia Antonio Anya Aoife Arash Arjun
Arnav Arne Arturo Arun Asha Ashley Ashok Astrid Atsushi Aurelia Ayesha Ayodele Ayumi Barbara
Bart Bastian Bea Beatrice Beatriz Becky Ben Benedikt Benjamin Bernard Bernardo Bettina
Bianca Birgit Bisi Bjorn Blessing Boris Brandon Brenda Brian Bridget Brigitte Bruno Bukola
Caitlin Camila Camille Candice Carina Carla Carlos Carmen Carol Carolina Caroline Casey
Catalina Catarina Catherine Cecilia Celine Cesar Chandra Charlene Charles Charlotte Chen
Chiamaka Chidi Chinedu Chinonso Chioma Chloe Chris Christian Christina Christine Christoph
Christopher Chukwuma Cindy Claire Clara Claudia Claudio Colin Connor Conor Constance
Cristina Cynthia Dagmar Dalia Damian Damien Dan Dana Daniel Daniela Daniele Danielle Danny
Dario Darius Darren Dave David Davide Deborah Deepak Deepika Denise Dennis Derek Desmond
Devika Diana Diego Dieter Dimitri Dmitri Dmitry Dominic Dominik Donald Donna Doris Dorothy
Douglas Duncan Dylan Edgar Eduardo Edward Edwin Efua Eileen Eleanor Elena Eleni Elif Elijah
Elisa Elisabeth Elise Eliza Elizabeth Ella Ellen Elsa Emeka Emil Emilia Emilio Emily Emma
Emmanuel Enrique Eric Erica Erik Erika Erin Ernesto Esther Ethan Eugene Eva Evelyn Eze
Fabian Fabio Fahad Faisal Farah Farid Fatima Federica Federico Felipe Felix Femi Fernanda
Fernando Filip Fiona Florian Folake Francesca Francesco Francis Francisco Franco Francois
Franziska Freddie Frederick Frida Gabriel Gabriela Gabriele Gabrielle Ganesh Gareth Gaurav
Gautam Georg George Gerald Gerardo Gerhard Gianluca Gillian Gina Giorgio Giovanni Giulia
Giuseppe Gloria Gonzalo Gordon Gregory Greta Guadalupe Guillaume Guillermo Gunnar Gustavo
Hadi Hamid Hana Hannah Hans Harald Harish Harold Harriet Haruki Haruto Hassan Hector Heidi
Heinrich Helen Helena Helga Henrik Henry Hiroko Hiroshi Hoang Hoda Hugo Huong Ibrahim Idris
Ifeoma Ignacio Igor Ikenna Ilse Ilya Imran Ines Ingrid Irene Irina Isaac Isabel Isabella
Isabelle Ishaan Ivan Ivana Jacob Jacqueline Jakob Jakub James Jamie Jana Jane Janet Janina
Jasmine Jason Javier Jaya Jayden Jennifer Jenny Jens Jeremy Jerome Jessica Jiahui Jian
Jiawei Jim Jing Joachim Joanna Joao Joaquin Jocelyn Joe Johan Johanna Johannes John Jon
Jonas Jonathan Jorge Jose Josefina Joseph Joshua Juan Juliana Julie Julien Julio Julius
Junaid Jurgen Justin Kai Kamal Karen Karim Karima Karin Karina Karl Karthik Kasia Kat
Katarina Katarzyna Kate Katharina Katherine Kathleen Kathryn Katie Katy Kavya Kayode Keiko
Kemi Ken Kenji Kenneth Kevin Khalid Kim Kiran Kirsten Klaus Kofi Krishna Kristina Krzysztof
Kumar Kwabena Kwame Laila Lakshmi Lara Lars Laura Lauren Laurent Layla Leila Len Lena Leon
Leonardo Leonie Lerato Leticia Lexi Liam Lina Linda Lionel Lisa Liz Lorenzo Louis Louise
Lucas Lucia Luciana Lucy Luis Luisa Luka Lukas Lukasz Madeleine Madhuri Magdalena Mahmoud
Mai Maja Malik Manuel Manuela Marcel Marcela Marcelo Marco Marcos Marcus Margaret Margarita
Maria Mariam Mariana Marie Marina Mario Marion Marisol Marius Marta Martha Martin Martina
Mary Maryam Mateo Matilda Matt Matteo Matthew Matthias Maureen Mauricio Maurizio Maxine Maya
Meg Megan Mehdi Mehmet Mei Melanie Melissa Mia Michael Michaela Michal Michel Michelle
Miguel Mikael Mike Mikhail Minh Miriam Mohamed Mohammad Mohammed Monica Monika Mustafa Nadia
Nadine Naledi Nanami Naoki Naomi Natalia Natalie Natasha Nathan Nathaniel Neha Ngozi
Nicholas Nick Nicola Nicolas Nicole Nikhil Nikita Niklas Nikolai Nina Nisha Noah Noor Nora
Norbert Nour Nuno Obinna Oksana Ola Ole Olga Oliver Olivia Olufemi Oluwaseun Omar Oscar
Oskar Pablo Pamela Paolo Patricia Patrick Paula Paulina Pavel Pedro Peter Petra Philip
Philipp Philippe Pierre Pietro Piotr Pooja Pradeep Prakash Pranav Priya Priyanka Rachel
Rafael Rahul Raj Rajesh Ramesh Ramon Rana Rania Raphael Raquel Rashid Ravi Rebecca Renata
Rene Ricardo Richard Ricky Riya Robert Roberta Roberto Rocio Rodrigo Rohan Roland Ron Rosa
Rosalind Ruben Rui Ruth Ryan Ryo Sabine Sabrina Sachin Sadia Sakura Salim Salma Salvatore
Sam Samantha Sameer Sami Samir Samuel Sandeep Sandra Sanjay Sara Sarah Sasha Satoshi Sean
Sebastian Sergei Sergey Sergio Seun Shanthi Sharon Shira Shreya Shu Siddharth Silvia Simon
Simona Simone Sinead Siobhan Sipho Sofia Sonia Sophia Sophie Soren Stefan Stefanie Stefano
Stella Stephanie Stephen Steve Steven Sunil Suresh Susan Susanne Sven Svetlana Sylvia
Tadeusz Takashi Takeshi Tamara Tanvir Tanya Tariq Tatiana Teresa Thabo Thandiwe Theresa
Thomas Thorsten Tiago Tim Timothy Tobias Tolu Tom Tomas Tomasz Tomoko Tony Tunde Uchenna
Ulrich Ursula Uwe Valentina Valeria Vanessa Varun Vera Veronica Vicente Vijay Vikram Viktor
Vincent Vinod Vivek Vladimir Wei Wiktoria Wilhelm William Wojciech Xavier Xiaoming Ximena
Xin Yan Yara Yasmin Yasmine Yemi Yevgeny Yolanda Yoshiko Yousef Yuki Yuri Yusra Yusuf Yvonne
Zainab Zanele Zara Zeynep Zhang Zoe Zofia Zoltan
"""

GIVEN_NAMES: Final = frozenset(_NAMES.split())
